/* Jarshy: a thin wrapper around mkdocs-material's search worker (loaded by importScripts
   from the same folder; main.html points the theme's config at this file with ?w=<worker>).

   Why: the Russian index is built with lunr's Russian stemmer, but lunr does not stem a
   query term that carries a wildcard, and Material adds one to every term. So a full word
   ("пропускная*") never met its stem ("пропускн") and full Russian words were unfindable.
   Here each Russian query word is stemmed with the very stemmer the index used before
   Material sees the query: "инновация" and "инновации" both become "инновац*".
   Kazakh needs nothing: its index has no stemmer and prefix matching does the work. */
(function () {
  "use strict";
  var params = new URLSearchParams(self.location.search);
  var lang = params.get("lang");
  addEventListener("message", function (event) {
    var message = event.data;
    if (lang !== "ru" || !message || message.type !== 2 || typeof message.data !== "string") {
      return;
    }
    var lunr = self.lunr;
    if (!lunr || !lunr.ru || !lunr.ru.stemmer) {
      return;
    }
    message.data = message.data.replace(/(^|[\s"+\-])([а-яё]{3,})(?=$|[\s"*~^])/gi,
      function (all, before, word) {
        var stem = lunr.ru.stemmer(new lunr.Token(word.toLowerCase())).toString();
        return before + (stem || word);
      });
  });
  importScripts(params.get("w"));
})();
