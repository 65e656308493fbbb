// Address suggestions for the search form (progressive enhancement: the form works without it).
// Fills the <datalist> bound to inputs carrying data-address-autocomplete="<api url>".
(function () {
  document.querySelectorAll('input[data-address-autocomplete]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 3 || !list) return;
      timer = setTimeout(function () {
        fetch(input.dataset.addressAutocomplete + '?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { adresses: [] }; })
          .then(function (data) {
            list.replaceChildren();
            (data.adresses || []).forEach(function (a) {
              var option = document.createElement('option');
              option.value = a.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* the search still works without suggestions */ });
      }, 300);
    });
  });
})();
