// Motif pages: colour swatches from data-color (no inline style under the CSP), and the motif form's
// tabs: a refused submit opens the tab holding the first error, so the agent sees why.
(function () {
  document.querySelectorAll('[data-color]').forEach(function (swatch) {
    swatch.style.backgroundColor = swatch.getAttribute('data-color');
  });
  var tabs = document.querySelector('[data-motif-tabs]');
  if (!tabs || !window.bootstrap) return;
  var error = document.querySelector('.tab-pane .field-validation-error, .tab-pane .input-validation-error');
  var pane = error && error.closest('.tab-pane');
  if (!pane) return;
  var button = tabs.querySelector('[data-bs-target="#' + pane.id + '"]');
  if (button) window.bootstrap.Tab.getOrCreateInstance(button).show();
})();
