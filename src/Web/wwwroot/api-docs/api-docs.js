// Renders /api-docs/v1/openapi.json as a French list of operations, grouped by tag (no CDN, no inline script).
(function () {
  "use strict";
  var status = document.getElementById("api-docs-status");
  var root = document.getElementById("api-docs");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function render(doc) {
    var byTag = {};
    Object.keys(doc.paths || {}).sort().forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var operation = item[method];
        if (!operation || typeof operation !== "object" || !operation.responses) return;
        var tag = (operation.tags && operation.tags[0] && operation.tags[0].name) || (operation.tags && operation.tags[0]) || "Divers";
        (byTag[tag] = byTag[tag] || []).push({ path: path, method: method.toUpperCase(), operation: operation });
      });
    });
    Object.keys(byTag).sort().forEach(function (tag) {
      root.appendChild(element("h2", "api-tag", tag));
      byTag[tag].forEach(function (entry) {
        var box = element("section", "api-operation");
        var title = element("h3", "fr-h6");
        title.appendChild(element("span", "api-method", entry.method));
        title.appendChild(element("span", "api-path", entry.path));
        box.appendChild(title);
        if (entry.operation.summary) box.appendChild(element("p", null, entry.operation.summary));
        var codes = Object.keys(entry.operation.responses || {});
        if (codes.length) box.appendChild(element("p", "fr-text--sm", "Réponses : " + codes.join(", ")));
        root.appendChild(box);
      });
    });
    status.textContent = (doc.info && doc.info.title ? doc.info.title + " — " : "") + "documentation chargée.";
  }

  fetch("/api-docs/v1/openapi.json", { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(render)
    .catch(function () { status.textContent = "La documentation n'a pas pu être chargée. Réessayez plus tard."; });
})();
