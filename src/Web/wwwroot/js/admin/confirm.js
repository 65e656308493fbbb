// Forms marked data-confirm ask before submitting (e.g. "Supprimer" on the RDV page).
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
});
