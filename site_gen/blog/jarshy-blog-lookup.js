/* The head's blog: a writer looks up their letter with its number and secret code.
 *
 * Staged by site_gen/blog/page.py; the form is in themes/partials/jarshy-blog/blog.html.
 * POSTs {"number", "code"} as JSON to <letters_endpoint>/status (site-gen letters serve,
 * site_gen/blog/lookup.py) and shows the status and its dates, in the page's language.
 * The answer holds no personal data; a wrong code and an unknown number read the same.
 */
(function () {
  "use strict";
  var dataNode = document.getElementById("jarshy-blog-data");
  var form = document.querySelector("form.jarshy-lookup-form");
  if (!dataNode || !form) { return; }
  var data = JSON.parse(dataNode.textContent);
  var t = data.t;
  var result = form.querySelector(".jarshy-lookup-result");
  var button = form.querySelector("button[type='submit']");

  function say(key, values) {
    var text = t[key] || key;
    Object.keys(values || {}).forEach(function (k) {
      text = text.split("{" + k + "}").join(String(values[k]));
    });
    return text;
  }

  function readDate(iso) {  // 2026-11-26 → 26.11.2026
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "." + m[2] + "." + m[1] : String(iso || "");
  }

  function show(kind, nodes) {
    result.textContent = "";
    result.setAttribute("data-state", kind);
    nodes.forEach(function (node) { result.appendChild(node); });
  }

  function para(text, className) {
    var p = document.createElement("p");
    if (className) { p.className = className; }
    p.textContent = text;
    return p;
  }

  function facts(body) {
    var list = document.createElement("dl");
    list.className = "jarshy-facts";
    [["received", body.received], ["reply_by_label", body.reply_by],
     ["answer_by_label", body.answer_by], ["replied_on", body.replied],
     ["answered_on", body.answered], ["forwarded_on", body.forwarded]
    ].forEach(function (pair) {
      if (!pair[1]) { return; }
      var dt = document.createElement("dt");
      dt.textContent = say(pair[0]);
      var dd = document.createElement("dd");
      var time = document.createElement("time");
      time.setAttribute("datetime", pair[1]);
      time.textContent = readDate(pair[1]);
      dd.appendChild(time);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    return list;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var number = String(form.elements.number.value || "").trim();
    var code = String(form.elements.code.value || "").trim();
    if (!number || !code) {
      show("error", [para(say("error.required"))]);
      (number ? form.elements.code : form.elements.number).focus();
      return;
    }
    button.disabled = true;
    fetch(data.lookup, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({number: number, code: code}),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {status: response.status, body: body};
      });
    }).then(function (answer) {
      button.disabled = false;
      var body = answer.body || {};
      if (answer.status === 200 && body.status) {
        var nodes = [para(say("status." + body.status), "jarshy-lookup-status"), facts(body)];
        if (body.answer_url && /^\/[^\/]/.test(body.answer_url)) {  // a page of this site
          var link = document.createElement("a");
          link.href = body.answer_url;
          link.textContent = say("answer_link");
          var p = document.createElement("p");
          p.appendChild(link);
          nodes.push(p);
        }
        show("done", nodes);
      } else if (answer.status === 404 || answer.status === 422) {
        show("error", [para(say("lookup_not_found"))]);
      } else if (answer.status === 429) {
        show("error", [para(say("error.too-many"))]);
      } else {
        show("error", [para(say("error.failed"))]);
      }
    }).catch(function () {
      button.disabled = false;
      show("error", [para(say("error.failed"))]);
    });
  });

  form.hidden = false;
}());
