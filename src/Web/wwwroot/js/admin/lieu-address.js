// Lieu address through the BAN (GET /api/v1/adresses?q=): typing lists suggestions; picking one fills
// the address and its coordinates (hidden fields). Typing again clears the coordinates, so a lieu is
// only saved with an address the BAN located (the server refuses it otherwise, in French).
(function () {
  document.querySelectorAll('[data-lieu-address]').forEach(function (field) {
    var endpoint = field.getAttribute('data-lieu-address');
    var input = field.querySelector('input[name="Input.Address"]');
    var latitude = field.querySelector('input[name="Input.Latitude"]');
    var longitude = field.querySelector('input[name="Input.Longitude"]');
    var list = field.querySelector('.address-suggestions');
    var status = field.querySelector('#address-status');
    if (!input || !latitude || !longitude || !list) return;
    var timer = null;
    var request = 0;

    function close() {
      list.replaceChildren();
      list.hidden = true;
    }

    function located(yes) {
      if (status) status.textContent = yes ? status.dataset.addressLocated : status.dataset.addressUnlocated;
    }

    function pick(address) {
      input.value = address.label;
      latitude.value = String(address.latitude);
      longitude.value = String(address.longitude);
      located(true);
      close();
      input.focus();
    }

    function show(addresses) {
      list.replaceChildren();
      addresses.forEach(function (address) {
        var item = document.createElement('li');
        item.className = 'list-group-item p-0';
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn btn-link text-start w-100 px-3 py-2 text-decoration-none address-suggestion';
        button.textContent = address.label;
        button.addEventListener('click', function () { pick(address); });
        item.appendChild(button);
        list.appendChild(item);
      });
      list.hidden = addresses.length === 0;
    }

    input.addEventListener('input', function () {
      latitude.value = '';
      longitude.value = '';
      located(false);
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 3) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++request;
        fetch(endpoint + '?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { adresses: [] }; })
          .then(function (data) { if (mine === request) show(data.adresses || []); })
          .catch(function () { close(); });
      }, 250);
    });

    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') close();
      if (event.key === 'ArrowDown' && !list.hidden) {
        var first = list.querySelector('button');
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { close(); input.focus(); }
    });
  });
})();
