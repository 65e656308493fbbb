// RDV wizard, step 2: the usager picker. Searches the organisation's usagers (JSON feed) and adds the
// chosen one to the wizard's query string (the wizard keeps its state there).
(function () {
    var picker = document.getElementById('user-picker');
    if (!picker) return;
    var input = document.getElementById('user-search');
    var results = document.getElementById('user-search-results');
    var wizardUrl = new URL(picker.getAttribute('data-wizard-url'), window.location.origin);
    var chosen = wizardUrl.searchParams.getAll('user_ids[]');
    var timer = null;

    function show(items) {
        results.replaceChildren();
        items.forEach(function (item) {
            var li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action';
            var link = document.createElement('a');
            var target = new URL(wizardUrl);
            target.searchParams.append('user_ids[]', String(item.id));
            link.href = target.pathname + target.search;
            link.textContent = item.text;
            li.appendChild(link);
            results.appendChild(li);
        });
        if (items.length === 0 && input.value.trim().length >= 2) {
            var none = document.createElement('li');
            none.className = 'list-group-item text-muted';
            none.textContent = 'Aucun usager trouvé.';
            results.appendChild(none);
        }
    }

    function search() {
        var term = input.value.trim();
        if (term.length < 2) { show([]); return; }
        var url = new URL(picker.getAttribute('data-search-url'), window.location.origin);
        url.searchParams.set('term', term);
        chosen.forEach(function (id) { url.searchParams.append('exclude_ids[]', id); });
        fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.json() : { results: [] }; })
            .then(function (data) { show(data.results || []); })
            .catch(function () { show([]); });
    }

    input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(search, 250);
    });
})();
