/* Jarshy: search with Pagefind behind Material's own search box and result list.

   Why: Material's search downloads the whole site's text (search/search_index.json, tens of
   megabytes for an archive) and builds an index in the browser before the first result.
   Pagefind's index (<lang>/pagefind/, written by site_gen/search.py after each language is
   rendered) is split into chunks: a query fetches only the chunks and page fragments it needs.
   A large site's index comes in parts (pagefind/jarshy-parts.json lists them): each part is
   searched and the results merged by score (Pagefind's mergeIndex), which is much faster
   than one index of the same pages (site_gen/search.py says why); a part that does not
   have a word answers with a shorter prefix of it, and such answers are left out (see
   "Parts" below).

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
  var PART = "jarshy-part";  // each part's filter, and the start of its highlight parameter

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
            return pf.options(tag(0));
          }).then(function () {
            return parts;
          }).then(function (listed) {
            return Promise.all((listed.parts || []).map(function (part, n) {
              return pf.mergeIndex(new URL(part, base).pathname,
                                   Object.assign({ baseUrl: root.pathname }, tag(n + 1)));
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
      return Promise.all(next.map(read)).then(function (all) {
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

    /* Parts. Pagefind answers a word that is in no page of an index with the pages holding
       its longest prefix that is ("болашақсөз" → "бола"; Pagefind issue #793, no option
       turns it off, and a result carries no sign of it). Each part is an index of its own,
       so for a word on a few pages, the parts without it answer with pages of a much
       shorter prefix, and Pagefind's merged list has them all, by score, among the real
       ones. A part's answer is one or the other for all its pages (its index has the word
       or not), so it is judged by one page of it: every part is given a filter of its own
       (Pagefind's mergeFilter: the search says how many results each part gave, and a
       search can be kept to some parts) and a highlight parameter of its own (a result's
       address says its part; the parameter is taken off again). */
    function tag(n) {
      var filter = {};
      filter[PART] = String(n);
      return { mergeFilter: filter, highlightParam: PART + "-" + n };
    }

    function only(parts) {
      var filters = {};
      filters[PART] = { any: parts };
      return { filters: filters };
    }

    /* A result's data, with its part and its address without the highlight parameter. */
    function read(result) {
      return result.data().then(function (data) {
        var url = new URL(data.url, window.location.href);
        data.part = null;
        url.searchParams.forEach(function (value, key) {
          if (key.indexOf(PART + "-") === 0) {
            data.part = key.slice(PART.length + 1);
          }
        });
        data.url = url.pathname + url.hash;
        return data;
      });
    }

    function common(a, b) {  // the length of the prefix two words share
      var same = 0;
      while (same < a.length && same < b.length && a[same] === b[same]) {
        same += 1;
      }
      return same;
    }

    /* Whether a highlighted word answers the query's word ``w`` (both folded): it begins
       with all of it, or with most of it (a Russian stem: "пропуск" for "пропускной",
       "лучш" for "лучшими"), not only with a much shorter prefix. */
    function answers(text, w) {
      var found = runs(text);
      return found.concat([found.join("")]).some(function (m) {
        var same = common(m, w);
        return same === w.length || (same > 0 && (same * 3 >= w.length * 2 ||
                                                  w.length - same <= 3));
      });
    }

    /* Whether a page really has the query: true when every word of it is answered by a
       highlight (or a word of the title: a page found by its title may have no highlight),
       false when a word is only met by a much shorter prefix of it (Pagefind's fallback),
       null when the page does not tell (no highlight at all, or none near the word). */
    function real(data, words) {
      var found = marks(data.excerpt || "");
      var title = runs((data.meta && data.meta.title) || "");
      var verdict = true;
      words.forEach(function (w) {
        if (title.some(function (t) { return answers(t, w); }) ||
            found.some(function (text) { return answers(text, w); })) {
          return;
        }
        var prefix = found.some(function (text) {  // "п", "цифрлықтар" for "цифрлықхатшы"
          return runs(text).some(function (m) {
            return common(m, w) === m.length || common(m, w) >= 2;
          });
        });
        if (verdict !== false) {
          verdict = prefix ? false : null;
        }
      });
      return verdict;
    }

    /* The answer to ``value``: the results of the parts that really have it, by score, and
       the data of the first ten. One search of all parts and the data of its first ten
       judge the parts they come from; the other parts that gave results are judged by the
       first ten of a search kept to them (again, until none is left); if some part
       answered with its fallback, a last search is kept to the parts that really have the
       query. A page that does not tell (no highlight near a word) judges nothing; a part
       none of whose pages tells is kept: a page is never hidden for lack of a sign. */
    function answer(pf, value, query) {
      var words = value.split(/\s+/).map(function (w) { return runs(w).join(""); })
        .filter(Boolean);
      var verdict = {};  // part → whether its pages have the query (else: its fallback)
      var nothing = { results: [], first: [] };

      function judge(all) {
        all.forEach(function (data) {
          var yes = data.part === null ? null : real(data, words);
          if (yes !== null && !(data.part in verdict)) {
            verdict[data.part] = yes;
          }
        });
      }

      function fallbacks() {
        return Object.keys(verdict).filter(function (part) { return !verdict[part]; });
      }

      return pf.search(value).then(function (found) {
        var results = (found && found.results) || [];
        if (!results.length) {
          return nothing;
        }
        var counts = (found.filters && found.filters[PART]) || {};
        var waiting = function () {
          return Object.keys(counts).filter(function (part) {
            return counts[part] > 0 && !(part in verdict);
          });
        };
        var settle = function () {
          var left = waiting();
          if (!left.length || query !== asked) {
            return Promise.resolve();
          }
          return pf.search(value, only(left)).then(function (some) {
            var got = (some && some.results) || [];
            return Promise.all(got.slice(0, PAGE).map(read)).then(function (all) {
              judge(all);
              if (waiting().length === left.length) {
                left.forEach(function (part) { verdict[part] = true; });  // shown, not lost
              }
              return settle();
            });
          });
        };
        /* The parts' answer once all are judged: null if none is a fallback (or a newer
           query came first). */
        var settled = function () {
          return settle().then(function () {
            if (query !== asked || waiting().length || !fallbacks().length) {
              return null;
            }
            var kept = Object.keys(verdict).filter(function (part) { return verdict[part]; });
            if (!kept.length) {
              return nothing;
            }
            return pf.search(value, only(kept)).then(function (some) {
              var got = (some && some.results) || [];
              return Promise.all(got.slice(0, PAGE).map(read)).then(function (data) {
                return { results: got, first: data };
              });
            });
          });
        };
        return Promise.all(results.slice(0, PAGE).map(read)).then(function (first) {
          judge(first);
          if (!fallbacks().length) {
            /* The first ten are real: shown now; the other parts are judged after, and
               the list is redone in the rare case that one of them answered with its
               fallback (the query's parts are judged by then). */
            return { results: results, first: first, later: settled() };
          }
          return settled().then(function (fixed) {
            return fixed || { results: results, first: first };
          });
        });
      });
    }

    function render(found, value) {
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
        return answer(pf, value, query);
      }).then(function (found) {
        if (query !== asked || input.value.trim() !== value) {
          return;  // the box holds other text now: its search comes next
        }
        render(found, value);
        var done = function () { search.setAttribute("data-jarshy-settled", value); };
        if (!found.later) {
          done();
          return;
        }
        /* not waited for: the next query may start; this stops at its next step then */
        found.later.then(function (fixed) {
          if (query === asked && input.value.trim() === value) {
            if (fixed) {
              render(fixed, value);
            }
            done();
          }
        }).catch(function (error) {
          if (window.console) {
            window.console.error("search:", error);
          }
        });
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
