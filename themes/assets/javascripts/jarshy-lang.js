/* Remember the reader's language for the root page (site/index.html): no cookie, no
   request. The language comes from the data-lang attribute of this <script>
   (themes/main.html); a file, because the site's policy runs no inline script. */
(function () {
  var me = document.currentScript;
  var lang = me ? me.getAttribute("data-lang") : "";
  if (lang !== "kk" && lang !== "ru") { return; }
  try { localStorage.setItem("jarshy.lang", lang); } catch (e) {}
})();
