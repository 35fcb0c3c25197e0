/* The root page (site/index.html, site_gen/stage/rootpage.py): go to the remembered
   language (jarshy-lang.js stores it), Kazakh otherwise; "?choose" shows the choice.
   A file, because the site's policy runs no inline script. */
(function () {
  var lang = null;
  try { lang = localStorage.getItem("jarshy.lang"); } catch (e) {}
  if (lang !== "kk" && lang !== "ru") { lang = "kk"; }
  if (!/[?&]choose\b/.test(location.search)) { location.replace(lang + "/"); }
})();
