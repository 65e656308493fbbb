// Plage form: the lieu field is hidden when every chosen motif is by phone, at home or by visio
// (no "sur place" motif needs a lieu, REFERENCE-SURFACES §2.3.9).
(function () {
    var lieu = document.querySelector('[data-plage-lieu]');
    var boxes = Array.prototype.slice.call(document.querySelectorAll('[data-plage-motifs] input[data-location-type]'));
    if (!lieu || boxes.length === 0) return;

    function refresh() {
        var chosen = boxes.filter(function (box) { return box.checked; });
        lieu.hidden = chosen.length > 0 && chosen.every(function (box) { return box.getAttribute('data-location-type') !== 'public_office'; });
    }

    boxes.forEach(function (box) { box.addEventListener('change', refresh); });
    refresh();
})();
