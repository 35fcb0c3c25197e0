/* Material's announce, outdated and consent scripts, as one file (no inline script under
   the site's policy). The site uses none of these banners today; with one configured, its
   partial (themes/partials/javascripts/) loads this file with data-banner naming it. */
(function () {
  var me = document.currentScript;
  var banner = me ? me.getAttribute("data-banner") : "";
  if (banner === "announce") {
    var el = document.querySelector("[data-md-component=announce]");
    if (el) {
      var content = el.querySelector(".md-typeset");
      if (__md_hash(content.innerHTML) === __md_get("__announce")) { el.hidden = true; }
    }
  } else if (banner === "outdated") {
    var box = document.querySelector("[data-md-component=outdated]");
    var base = new URL(me.getAttribute("data-base") || ".", location);
    if (__md_get("__outdated", sessionStorage, base) === true && box) { box.hidden = false; }
  } else if (banner === "consent") {
    var form = document.forms.consent;
    var consent = __md_get("__consent");
    if (consent) {
      for (var i = 0; i < form.elements.length; i++) {
        var input = form.elements[i];
        if (input.name) { input.checked = consent[input.name] || false; }
      }
    } else if (location.protocol !== "file:") {
      setTimeout(function () {
        document.querySelector("[data-md-component=consent]").hidden = false;
      }, 250);
    }
    ["submit", "reset"].forEach(function (action) {
      form.addEventListener(action, function (e) {
        e.preventDefault();
        if (e.type === "reset") {
          for (var j = 0; j < form.elements.length; j++) {
            if (form.elements[j].name) { form.elements[j].checked = false; }
          }
        }
        var chosen = {};
        new FormData(form).forEach(function (_, name) { chosen[name] = true; });
        __md_set("__consent", chosen);
        location.hash = "";
        location.reload();
      });
    });
  }
})();
