/* Material's base script (partials/javascripts/base.html), as a file: the site's
   Content-Security-Policy runs no inline script (script-src 'self'). The scope, which
   depends on the page's depth, comes from the data-scope attribute of this <script>
   (themes/partials/javascripts/base.html). Same code as mkdocs-material 9's. */
(function () {
  var me = document.currentScript;
  window.__md_scope = new URL((me && me.getAttribute("data-scope")) || ".", location);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) {}
  };
})();
