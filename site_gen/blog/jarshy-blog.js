/* The head's blog letter form (site_gen/blog/page.py stages this file).
 *
 * Without this script the form stays hidden and the page offers the mailto: link.
 * With it: length checks in the page's language, then either a JSON POST to the
 * letters endpoint (site-gen letters serve), showing the registration number, the
 * deadlines and the secret code for the status lookup (jarshy-blog-lookup.js), or,
 * when no endpoint is configured, a mail with the subject and body filled in.
 * No request leaves the intranet: the endpoint is the one set in site.yml.
 */
(function () {
  "use strict";
  var dataNode = document.getElementById("jarshy-blog-data");
  var form = document.querySelector("form.jarshy-blog-form");
  if (!dataNode || !form) { return; }
  var data = JSON.parse(dataNode.textContent);
  var t = data.t;
  var limits = data.limits;
  var mailLink = document.querySelector("a[data-jarshy='mailto']");
  var status = form.querySelector(".jarshy-blog-status");
  var counter = form.querySelector(".jarshy-blog-count");
  var button = form.querySelector("button[type='submit']");
  var fields = ["name", "contact", "department", "lang", "text"];  // text fields
  var checks = ["answer", "meeting", "consent"];  // the choices (site_gen/blog/letters.py)
  var meeting = form.elements.meeting || null;

  function isoToday() {  // the reader's day, as the deadlines are written (YYYY-MM-DD)
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function dropPastMeetings() {  // a page built days ago lists no meeting whose day is gone
    if (!meeting) { return; }
    var today = isoToday();
    Array.prototype.slice.call(meeting.options).forEach(function (option) {
      var until = option.getAttribute("data-until");
      if (until && until < today) { option.remove(); }
    });
    if (meeting.options.length <= 1) { meeting.closest(".jarshy-blog-field").hidden = true; }
  }

  function say(key, values) {
    var text = t[key] || key;
    Object.keys(values || {}).forEach(function (k) {
      text = text.split("{" + k + "}").join(String(values[k]));
    });
    return text;
  }

  function length(value) { return Array.from(value).length; }  // code points, as the server

  function values() {
    var out = {};
    fields.forEach(function (name) {
      out[name] = String(form.elements[name].value || "").normalize("NFC").trim();
    });
    var mode = form.querySelector("input[name='answer']:checked");
    out.answer = mode ? mode.value : "";
    out.meeting = meeting && !meeting.closest(".jarshy-blog-field").hidden ? meeting.value : "";
    out.consent = form.elements.consent.checked;
    return out;
  }

  function problems(v) {
    var found = [];
    Object.keys(limits).forEach(function (name) {
      var n = length(v[name]);
      var low = limits[name].min, high = limits[name].max;
      if (n === 0 && low > 0) { found.push({field: name, code: "required"}); }
      else if (n < low) { found.push({field: name, code: "too-short", limit: low}); }
      else if (n > high) { found.push({field: name, code: "too-long", limit: high}); }
    });
    if (v.lang !== "kk" && v.lang !== "ru") { found.push({field: "lang", code: "unknown-lang"}); }
    var needed = {};  // the server's rule: blog.anonymous refuse, an answer in person
    if (data.anonymous === "refuse") { needed.name = true; needed.contact = true; }
    if (v.answer === "personal") { needed.contact = true; }
    Object.keys(needed).forEach(function (name) {
      if (!length(v[name])) { found.push({field: name, code: "required"}); }
    });
    if (v.answer !== "personal" && v.answer !== "blog") { found.push({field: "answer", code: "required"}); }
    if (v.consent !== true) { found.push({field: "consent", code: "consent-required"}); }
    return found;
  }

  function showProblems(list) {
    form.querySelectorAll(".jarshy-blog-error").forEach(function (node) { node.textContent = ""; });
    function control(name) {  // the input itself; for the answer's radios, the first one
      var el = form.elements[name];
      return el && !el.setAttribute && el.length ? el[0] : el;
    }
    fields.concat(checks).forEach(function (name) {
      var el = control(name);
      if (el) { el.removeAttribute("aria-invalid"); }
    });
    list.forEach(function (p) {
      var node = form.querySelector(".jarshy-blog-error[data-for='" + p.field + "']");
      if (node) {
        node.textContent = say("error." + p.code, {limit: p.limit});
        var el = control(p.field);
        if (el) { el.setAttribute("aria-invalid", "true"); }
      }
    });
    if (list.length && control(list[0].field)) { control(list[0].field).focus(); }
  }

  function mailto(v) {
    var lines = [
      say("mail_name") + " " + v.name,
      say("mail_department") + " " + v.department,
      say("mail_lang") + " " + say("lang." + v.lang),
      say("mail_text"),
      v.text
    ];
    return "mailto:" + data.mailbox + "?subject=" + encodeURIComponent(data.mail.subject) +
      "&body=" + encodeURIComponent(lines.join("\r\n"));
  }

  function refresh() {
    var v = values();
    if (counter) {
      counter.textContent = say("count", {count: length(v.text), limit: limits.text.max});
    }
    if (mailLink && data.mailbox) { mailLink.href = mailto(v); }
  }

  function setStatus(kind, text) {
    status.textContent = text;
    status.setAttribute("data-state", kind);
  }

  function readDate(iso) {  // 2026-11-26 → 26.11.2026, as people write dates here
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "." + m[2] + "." + m[1] : iso;
  }

  function send(v) {
    button.disabled = true;
    setStatus("busy", say("sending"));
    fetch(data.endpoint, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(v),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {status: response.status, body: body};
      });
    }).then(function (answer) {
      button.disabled = false;
      if (answer.status === 201 && answer.body.number) {
        var said = say("registered", {number: answer.body.number}) + " " +
          say("reply_by", {date: readDate(answer.body.reply_by)});
        if (answer.body.answer_by) {
          said += " " + say("answer_by", {date: readDate(answer.body.answer_by)});
        }
        setStatus("done", said);
        if (answer.body.code) {  // shown once: the service keeps only its hash
          var code = document.createElement("strong");
          code.className = "jarshy-blog-code";
          code.textContent = say("code", {code: answer.body.code});
          status.appendChild(document.createElement("br"));
          status.appendChild(code);
        }
        form.elements.text.value = "";
        form.elements.consent.checked = false;
        refresh();
        return;
      }
      var errors = (answer.body && answer.body.errors) || [];
      var onFields = errors.filter(function (e) {
        return fields.indexOf(e.field) >= 0 || checks.indexOf(e.field) >= 0;
      });
      if (answer.status === 422 && onFields.length) {
        setStatus("error", "");
        showProblems(onFields);
      } else if (answer.status === 429) {
        setStatus("error", say("error.too-many"));
      } else {
        setStatus("error", say("error.failed"));
      }
    }).catch(function () {
      button.disabled = false;
      setStatus("error", say("error.failed"));
    });
  }

  form.addEventListener("input", refresh);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var v = values();
    var found = problems(v);
    showProblems(found);
    if (found.length) { setStatus("error", ""); return; }
    if (data.endpoint) {
      send(v);
    } else {
      setStatus("done", say("mail_opened"));
      window.location.href = mailto(v);
    }
  });

  dropPastMeetings();
  form.hidden = false;
  document.documentElement.classList.add("jarshy-blog-js");
  refresh();
}());
