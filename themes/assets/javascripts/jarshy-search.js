/* Jarshy: search with Pagefind behind Material's own search box and result list.

   Why: Material's search downloads the whole site's text (search/search_index.json, tens of
   megabytes for an archive) and builds an index in the browser before the first result.
   Pagefind's index (<lang>/pagefind/, written by site_gen/search.py after each language is
   rendered) is split into chunks: a query fetches only the chunks and page fragments it needs.
   A large site's index comes in parts (pagefind/jarshy-parts.json lists them): each part is
   searched and the results merged by score (Pagefind's mergeIndex), which is much faster
   than one index of the same pages (site_gen/search.py says why).

   How: themes/partials/search.html takes the search box away from Material's script (its
   form has no name="search", so Material neither fetches an index nor starts its worker),
   and this file answers what is typed there. Pagefind (pagefind.js from this language's
   pagefind/ folder: a file of the site, the CSP's script-src 'self'; it runs WebAssembly,
   hence 'wasm-unsafe-eval'), its WebAssembly and every part's entry and metadata start
   loading as soon as the reader comes near the box (pointer over it or the header's search
   button, a touch, focus), so that by the first letter typed only the query's chunks are
   left to fetch. One search runs at a time; what was typed meanwhile is searched next, and
   an answer to text no longer in the box is not shown. The first ten results are shown as
   soon as their fragments arrive (fetched together), more as the list is scrolled, like
   Material's; they go into Material's result list with Material's classes and its kk/ru
   messages (the page's #__config translations).

   Nothing here builds HTML from text: titles go in as text, and the excerpt's <mark>
   highlights are rebuilt as elements around text nodes. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);  // <lang>/ (this file is <lang>/assets/javascripts/)
  var PAGE = 10;

  function translations() {
    var config = document.getElementById("__config");
    try {
      return (config && JSON.parse(config.textContent).translations) || {};
    } catch (e) {
      return {};
    }
  }

  function start() {
    var search = document.querySelector("[data-jarshy-search]");
    var input = search && search.querySelector(".md-search__input");
    var meta = search && search.querySelector(".md-search-result__meta");
    var list = search && search.querySelector(".md-search-result__list");
    var scroll = search && search.querySelector(".md-search__scrollwrap");
    var toggle = document.getElementById("__search");
    if (!input || !meta || !list) {
      return;
    }
    var t = translations();
    var pagefind = null;  // a promise of the module, made on first use
    var asked = 0;        // the number of the latest query; older answers are dropped
    var pending = [];     // results not yet shown
    var loading = false;

    function say(key, count) {
      var text = t[key] || "";
      meta.textContent = count === undefined ? text : text.replace("#", String(count));
    }

    function load() {
      if (!pagefind) {
        var base = new URL("pagefind/", root);
        var parts = fetch(new URL("jarshy-parts.json", base).href).then(function (response) {
          return response.ok ? response.json() : { parts: [] };
        }).catch(function () { return { parts: [] }; });
        pagefind = import(new URL("pagefind.js", base).href).then(function (pf) {
          return pf.options({ baseUrl: root.pathname }).then(function () {
            pf.init();
            return parts;
          }).then(function (listed) {
            return Promise.all((listed.parts || []).map(function (part) {
              return pf.mergeIndex(new URL(part, base).pathname, { baseUrl: root.pathname });
            }));
          }).then(function () {
            return pf.preload("");  // resolves once every part's metadata is in
          }).then(function () {
            search.setAttribute("data-jarshy-loaded", "");  // for tests and the benchmark
            return pf;
          });
        });
      }
      return pagefind;
    }

    function excerpt(html) {
      /* Pagefind's excerpt is the page's text, escaped, with <mark> around the found words:
         keep the text and the marks, nothing else. */
      var p = document.createElement("p");
      var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
      doc.body.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(node.textContent || ""));
        }
      });
      return p;
    }

    function item(data) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = data.url;
      a.tabIndex = -1;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      var h1 = document.createElement("h1");
      h1.textContent = (data.meta && data.meta.title) || data.url;
      article.append(icon, h1, excerpt(data.excerpt || ""));
      a.appendChild(article);
      li.appendChild(a);
      return li;
    }

    function show(all) {
      var items = document.createDocumentFragment();
      all.forEach(function (data) { items.appendChild(item(data)); });
      list.appendChild(items);
    }

    function more(query) {
      if (loading || !pending.length) {
        return Promise.resolve();
      }
      loading = true;
      var next = pending.splice(0, PAGE);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
        loading = false;
        if (query === asked) {
          show(all);
        }
      }, function () {
        loading = false;
      });
    }

    function fold(text) {
      return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    }

    function runs(text) {
      return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
    }

    function marks(html) {
      var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
      return Array.prototype.map.call(doc.body.querySelectorAll("mark"), function (m) {
        return m.textContent || "";
      });
    }

    /* Pagefind answers a word that is in no page with the pages holding its longest
       prefix that is ("болашақсөз" → "бола"; Pagefind issue #793, no option turns it off).
       A reader asking for a word the site does not have should hear "nothing found", so a
       word counts as found only when the first result's highlights are not all such a
       much shorter prefix of it (under two thirds of it: a Russian stem, "пропуск" for
       "пропускной", is still a find). */
    function backtracked(data, word) {
      var found = marks(data.excerpt || "");
      var w = runs(word).join("");
      return found.length > 0 && found.every(function (text) {
        var m = runs(text)[0] || "";  // "п.т." is highlighted whole for its word "п"
        return m.length < w.length && w.indexOf(m) === 0 && m.length * 3 < w.length * 2;
      });
    }

    function present(pf, word) {
      return pf.search(word).then(function (found) {
        var results = (found && found.results) || [];
        if (!results.length) {
          return false;
        }
        return results[0].data().then(function (data) { return !backtracked(data, word); });
      });
    }

    /* The answer to ``value``: all results, and the data of the first ten, fetched together
       while the first is checked for Pagefind's prefix fallback. */
    function answer(pf, value) {
      return pf.search(value).then(function (found) {
        var results = (found && found.results) || [];
        var first = results.slice(0, PAGE).map(function (r) { return r.data(); });
        var words = value.split(/\s+/);
        var real;
        if (!results.length) {
          real = Promise.resolve(false);
        } else if (words.length === 1) {
          real = first[0].then(function (data) { return !backtracked(data, value); });
        } else {
          real = Promise.all(words.map(function (word) { return present(pf, word); }))
            .then(function (each) { return each.every(Boolean); });
        }
        return real.then(function (yes) {
          return yes ? Promise.all(first).then(function (data) {
            return { results: results, first: data };
          }) : { results: [], first: [] };
        });
      });
    }

    var running = false;  // a search is under way; what is typed meanwhile waits for it
    var again = false;

    function run() {
      if (running) {
        again = true;
        return;
      }
      var value = input.value.trim();
      var query = ++asked;
      if (!value) {
        pending = [];
        list.textContent = "";
        say("search.result.placeholder");
        return;
      }
      running = true;
      load().then(function (pf) {
        return answer(pf, value);
      }).then(function (found) {
        if (query !== asked || input.value.trim() !== value) {
          return;  // the box holds other text now: its search comes next
        }
        var results = found.results;
        list.textContent = "";
        pending = results.slice(PAGE);
        if (results.length === 0) {
          say("search.result.none");
        } else if (results.length === 1) {
          say("search.result.one");
        } else {
          say("search.result.other", results.length);
        }
        show(found.first);
        search.setAttribute("data-jarshy-answered", value);  // for tests and the benchmark
      }).catch(function (error) {
        if (window.console) {
          window.console.error("search:", error);
        }
      }).then(function () {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
    }

    function open() {
      if (toggle && !toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    say("search.result.placeholder");
    input.addEventListener("focus", function () { open(); load(); });
    /* Coming near the box is enough to start loading: a reader who reaches for it types
       a few hundred milliseconds later. */
    [input].concat(Array.prototype.slice.call(
      document.querySelectorAll(".md-header__button[for=__search]"))).forEach(function (el) {
      el.addEventListener("pointerenter", function () { load(); }, { once: true });
      el.addEventListener("touchstart", function () { load(); }, { once: true, passive: true });
    });
    input.addEventListener("input", run);
    input.addEventListener("keyup", function (event) {
      if (event.key === "Escape" && toggle) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        input.blur();
      }
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();  // Enter: the first result, as in Material
      var first = list.querySelector(".md-search-result__link");
      if (first) {
        first.click();
      }
    });
    input.form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    document.querySelectorAll(".md-header__button[for=__search]").forEach(function (label) {
      label.addEventListener("click", function () { setTimeout(function () { input.focus(); }, 0); });
    });
    if (scroll) {
      scroll.addEventListener("scroll", function () {
        if (scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 64) {
          more(asked);
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
