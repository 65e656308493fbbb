// After a refused submit the page comes back with an error summary marked data-focus-on-load: move the
// focus there so keyboard and screen-reader users start from the errors, not from the top of the page.
(function () {
  var target = document.querySelector('[data-focus-on-load]');
  if (target) target.focus();
})();
