// site-gen serve: reload the page when the preview was rebuilt (site_gen/livereload.py).
// ProperDocs' live-reload poller, as a file: the pages' Content-Security-Policy
// (script-src 'self', themes/main.html) lets no inline script run, so the preview server
// links this file and passes the page's epoch and request id as data attributes.
(function () {
  "use strict";
  var me = document.currentScript;
  var epoch = parseFloat(me.getAttribute("data-epoch"));
  var requestId = me.getAttribute("data-request-id");
  var req, timeout;

  var poll = function () {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  };

  var stop = function () {
    if (req) {
      req.abort();
    }
    if (timeout) {
      clearTimeout(timeout);
    }
    req = timeout = undefined;
  };

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") {
      poll();
    }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      poll();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
})();
