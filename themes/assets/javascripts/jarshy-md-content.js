/* Material's content scripts (partials/javascripts/content.html), as a file (no inline
   script under the site's policy): open the tab a link points to, and with the
   content.tabs.link feature (data-tabs-link on this <script>) the remembered tabs. */
(function () {
  var me = document.currentScript;
  if (me && me.hasAttribute("data-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        if (!labels) { return; }
        for (var i = 0; i < tabs.length; i++) {
          var list = labels.getElementsByTagName("label");
          for (var j = 0; j < list.length; j++) {
            if (list[j].innerText.trim() === tabs[i]) {
              document.getElementById(list[j].htmlFor).checked = true;
              return;
            }
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.startsWith("__tabbed_"); }
})();
