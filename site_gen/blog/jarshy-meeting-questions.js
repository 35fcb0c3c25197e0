/* A report meeting's page: how many questions came in through the head's blog.
 *
 * Staged by site_gen/blog/page.py; the paragraph is drawn by
 * themes/partials/jarshy-newspaper/event-facts.html (site_gen/blog/meeting.py) with
 * data-url = <letters_endpoint>/questions/<meeting id> and data-text, the sentence with
 * {count}. The letters service answers {"meeting": id, "questions": n}: a number only.
 * Without an answer the paragraph stays hidden.
 */
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-jarshy='questions-count']");
  Array.prototype.forEach.call(nodes, function (node) {
    var url = node.getAttribute("data-url");
    if (!url) { return; }
    fetch(url, {credentials: "omit", cache: "no-store"}).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (body) {
      if (!body || typeof body.questions !== "number") { return; }
      node.textContent = String(node.getAttribute("data-text") || "{count}")
        .split("{count}").join(String(body.questions));
      node.hidden = false;
    }).catch(function () { /* the service is away: the paragraph stays hidden */ });
  });
}());
