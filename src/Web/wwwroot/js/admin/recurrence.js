// Recurrence widget of plages and absences (REFERENCE-SURFACES §2.4): keeps the hidden Input.Recurrence
// in the stored JSON shape (REFERENCE-DOMAIN §3.1), e.g.
// {"every":"week","interval":2,"starts":"2026-12-07","on":["monday","thursday"],"day":[1,4],"until":"2027-02-01"}
// or {"every":"month","interval":1,"starts":"2026-12-15","day":{"2":[3]}}. Empty when not repeated.
(function () {
    var root = document.querySelector('[data-recurrence]');
    if (!root) return;
    var hidden = root.querySelector('[data-recurrence-value]');
    var enabled = root.querySelector('[data-recurrence-enabled]');
    var details = root.querySelector('[data-recurrence-details]');
    var interval = root.querySelector('[data-recurrence-interval]');
    var every = root.querySelector('[data-recurrence-every]');
    var weekly = root.querySelector('[data-recurrence-weekly]');
    var monthly = root.querySelector('[data-recurrence-monthly]');
    var monthlyLabel = root.querySelector('[data-recurrence-monthly-label]');
    var until = root.querySelector('[data-recurrence-until]');
    var weekdays = Array.prototype.slice.call(root.querySelectorAll('[data-recurrence-weekday]'));
    var firstDay = document.getElementById('Input_FirstDay');
    var names = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
    var english = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

    function parseDay(text) {
        var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || '');
        return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
    }

    function isoDay(text) {
        var match = /^(\d{4}-\d{2}-\d{2})/.exec(text || '') || [];
        if (match[1]) return match[1];
        var french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text || '');
        return french ? french[3] + '-' + french[2] + '-' + french[1] : '';
    }

    // The form's monthly rule: the N-th weekday of the first day, N = floor((day - 1) / 7) + 1.
    function monthlyRule() {
        var day = parseDay(firstDay && firstDay.value);
        if (!day) return null;
        return { weekday: day.getUTCDay(), number: Math.floor((day.getUTCDate() - 1) / 7) + 1 };
    }

    function refresh() {
        details.hidden = !enabled.checked;
        var isWeekly = every.value === 'week';
        weekly.hidden = !isWeekly;
        monthly.hidden = isWeekly;
        var rule = monthlyRule();
        monthlyLabel.textContent = rule ? (rule.number === 1 ? '1er' : rule.number + 'e') + ' ' + names[rule.weekday] : '… (choisissez le premier jour)';
        if (!enabled.checked || !firstDay || !firstDay.value) {
            hidden.value = '';
            return;
        }
        var json = { every: every.value, interval: parseInt(interval.value, 10), starts: firstDay.value };
        if (isWeekly) {
            var checked = weekdays.filter(function (box) { return box.checked; });
            if (checked.length > 0) {
                json.on = checked.map(function (box) { return box.getAttribute('data-recurrence-weekday'); });
                json.day = checked.map(function (box) { return parseInt(box.value, 10); });
            }
        } else if (rule) {
            json.day = {};
            json.day[String(rule.weekday)] = [rule.number];
        }
        if (until.value) json.until = until.value;
        hidden.value = JSON.stringify(json);
    }

    // Shows a stored rule (any shape the server accepts: names or numbers, one value or a list).
    function load(text) {
        var json;
        try { json = JSON.parse(text); } catch (e) { return; }
        if (!json || typeof json !== 'object' || !json.every) return;
        enabled.checked = true;
        every.value = json.every === 'month' ? 'month' : 'week';
        interval.value = String(Math.min(Math.max(parseInt(json.interval, 10) || 1, 1), 5));
        var days = [].concat(json.on || [], json.every === 'week' ? [].concat(json.day || []) : []);
        days.forEach(function (value) {
            var name = typeof value === 'number' || /^\d$/.test(value) ? english[+value] : String(value).toLowerCase();
            weekdays.forEach(function (box) { if (box.getAttribute('data-recurrence-weekday') === name) box.checked = true; });
        });
        if (json.until) until.value = isoDay(json.until);
    }

    if (hidden.value) load(hidden.value);
    [enabled, interval, every, until].concat(weekdays).forEach(function (element) {
        element.addEventListener('change', refresh);
    });
    if (firstDay) {
        firstDay.addEventListener('change', refresh);
        firstDay.addEventListener('input', refresh);
    }
    // A stored rule the widget cannot show stays as it is until the agent changes the widget.
    if (!hidden.value || enabled.checked) refresh();
    else details.hidden = true;
})();
