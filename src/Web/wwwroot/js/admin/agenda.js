// The agent agenda (REFERENCE-SURFACES §2.3.1) on the vendored FullCalendar. Everything comes from the
// data- attributes of #agenda (no inline script under the CSP). Times are wall-clock in the
// organisation's zone: the feeds send them without offset and the calendar shows them as they are.
(function () {
  'use strict';
  var element = document.getElementById('agenda');
  if (!element || !window.FullCalendar) return;

  var data = element.dataset;
  var mobile = window.matchMedia('(max-width: 767.98px)').matches;
  var storageKey = 'rdvsp.agenda.view';
  var views = ['dayGridMonth', 'timeGridWeek', 'timeGridDay', 'listWeek'];
  var dayList = document.getElementById('agenda-day-list');

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // Dates of a calendar in a named zone without a zone plugin carry the wall-clock time in their UTC fields.
  function localDay(date) {
    return date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate());
  }

  function localMinute(date) {
    return localDay(date) + 'T' + pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes());
  }

  // "Now" in the organisation's zone, as a wall-clock ISO string, from the browser's clock.
  function nowInZone() {
    var parts = {};
    new Intl.DateTimeFormat('en-GB', {
      timeZone: data.timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + 'T' + parts.hour + ':' + parts.minute + ':' + parts.second;
  }

  function initialView() {
    if (mobile) return 'timeGridDay';
    var remembered = null;
    try { remembered = window.localStorage.getItem(storageKey); } catch (e) { remembered = null; }
    return views.indexOf(remembered) >= 0 ? remembered : 'timeGridWeek';
  }

  function wizardUrl(start, end) {
    var params = new URLSearchParams();
    params.append('starts_at', localMinute(start));
    params.append('agent_ids[]', data.agentId);
    var minutes = Math.round((end.getTime() - start.getTime()) / 60000);
    if (minutes > 0 && minutes < 24 * 60) params.append('duration_in_min', String(minutes));
    return data.wizardUrl + '?' + params.toString();
  }

  var calendar = new FullCalendar.Calendar(element, {
    locale: 'fr',
    timeZone: data.timeZone,
    now: nowInZone,
    initialView: initialView(),
    initialDate: data.initialDate || undefined,
    headerToolbar: mobile
      ? { left: 'prev,next today', center: 'title', right: 'timeGridDay,listWeek' }
      : { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek' },
    buttonText: { day: 'Journée', list: 'Liste' },
    firstDay: 1,
    hiddenDays: data.displaySaturdays === 'true' ? [0] : [0, 6],
    businessHours: { daysOfWeek: [1, 2, 3, 4, 5, 6], startTime: '07:00', endTime: '19:00' },
    slotMinTime: '07:00:00',
    slotMaxTime: '20:00:00',
    scrollTime: '08:00:00',
    nowIndicator: true,
    allDaySlot: true,
    allDayText: 'Journée',
    height: 'auto',
    selectable: true,
    selectMirror: true,
    eventSources: [
      { id: 'rdvs', url: data.rdvsFeed },
      { id: 'background', url: data.backgroundFeed }
    ],
    // Click or drag on an empty time: the RDV wizard for this agent at that time.
    // A day of the month view opens that day.
    select: function (info) {
      if (info.allDay) {
        if (info.view.type === 'dayGridMonth') calendar.changeView('timeGridDay', localDay(info.start));
        return;
      }
      window.location.assign(wizardUrl(info.start, info.end));
    },
    eventDidMount: function (info) {
      var props = info.event.extendedProps;
      var details = [info.event.title];
      if (props.readableStatus) details.push(props.readableStatus);
      if (props.motif) details.push(props.motif);
      if (props.lieu) details.push(props.lieu);
      if (props.organisationName && props.kind !== 'holiday') details.push(props.organisationName);
      info.el.setAttribute('title', details.join(' · '));
    },
    datesSet: function (info) {
      try { if (!mobile) window.localStorage.setItem(storageKey, info.view.type); } catch (e) { /* private mode */ }
      var day = localDay(info.view.currentStart);
      document.querySelectorAll('[data-agenda-date]').forEach(function (input) { input.value = day; });
      if (!dayList) return;
      if (info.view.type === 'timeGridDay') {
        var label = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(info.view.currentStart);
        dayList.textContent = 'Liste détaillée des RDV du ' + label;
        dayList.href = data.rdvsUrl + '?' + new URLSearchParams({ agent_id: data.agentId, start: day, end: day }).toString();
        dayList.classList.remove('d-none');
      } else {
        dayList.classList.add('d-none');
      }
    }
  });
  calendar.render();

  // Other agents and the usagers change the agenda too: refetch every minute and on coming back to the tab.
  window.setInterval(function () { if (!document.hidden) calendar.refetchEvents(); }, 60000);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) calendar.refetchEvents();
  });
})();
