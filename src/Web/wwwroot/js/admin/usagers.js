// Usager forms of the agent space: the responsible/relative toggle and the usager pickers
// (a search box filling a <select> from the JSON search of the organisation).
(function () {
  "use strict";

  function toggleSections() {
    var relative = document.querySelector("[data-usager-kind][value='true']");
    if (!relative) return;
    document.querySelectorAll("[data-usager-section]").forEach(function (section) {
      var forRelative = section.getAttribute("data-usager-section") === "relative";
      section.classList.toggle("d-none", forRelative !== relative.checked);
    });
  }

  function bindPicker(input) {
    var select = document.getElementById(input.getAttribute("data-usager-picker-target"));
    if (!select) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var term = input.value.trim();
        if (term.length < 2) return;
        var url = input.getAttribute("data-usager-picker") + "?term=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            var keep = select.value;
            while (select.options.length > 1) select.remove(1);
            data.results.forEach(function (result) {
              var option = new Option(result.text, String(result.id));
              option.selected = String(result.id) === keep;
              select.add(option);
            });
            if (data.results.length > 0 && !select.value) select.selectedIndex = 1;
          });
      }, 250);
    });
  }

  document.querySelectorAll("[data-usager-kind]").forEach(function (radio) { radio.addEventListener("change", toggleSections); });
  toggleSections();
  document.querySelectorAll("[data-usager-picker]").forEach(bindPicker);
})();
