// tract's search: runs in the reader's browser on the static index each
// language has (<lang>/search-index.json), so no server is needed. It
// folds words exactly as tract folds the index (search.Terms, in
// internal/search): lower case in the page's language, accents and other
// marks removed, ligatures spelled out ("oe").
// Only the page language's index is fetched; the others' when the reader
// asks, with the button that says what they weigh. Their results come
// after the page's own, for publications not found in its language.
//
// The file is ES5 (no arrow functions, let, const, template literals,
// for-of, nor a regular expression literal with the u flag), so that any
// browser parses it and runs the feature test: one without what search
// needs (Unicode property escapes: Chrome 64, Firefox 78, Safari 11.1;
// fetch; normalize) is told search does not work in it, not that
// JavaScript is off. e2e/reader_test.go parses the file as ES5.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var notice = document.querySelector(".nojs");
  if (!form) return;
  // unable says why search cannot run here; the form stays hidden.
  function unable(message) {
    if (message && notice) notice.textContent = message;
  }
  // A copy of the site opened from files (a USB stick handed round) can
  // fetch no index.
  if (location.protocol === "file:") return unable(form.getAttribute("data-from-disk"));
  // Built here, not written as literals, which an old engine cannot parse.
  var marks, cuts;
  try {
    marks = new RegExp("\\p{M}", "gu");
    // U+02BC, the apostrophe of Ukrainian keyboards, cuts as ' and U+2019 do.
    cuts = new RegExp("(?:[^\\p{L}\\p{N}]|\\u02bc)+", "u");
  } catch (e) {}
  if (!marks || !window.fetch || !window.Promise || !"".normalize || !Array.from) {
    return unable(form.getAttribute("data-unsupported"));
  }
  var d = form.dataset, lang = d.lang;
  var input = form.querySelector("input"), status = document.getElementById("search-status");
  var out = document.getElementById("results");
  // The button that searches the other languages too; a site's own
  // search page without it searches them all at once.
  var more = document.getElementById("search-more");
  var others = JSON.parse(document.getElementById("search-langs").textContent || "[]") || [];
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  // Letters folded to more than their base letter, escaped so that the file
  // stays ASCII whatever charset a server announces for it.
  var spelled = { "\u0153": "oe", "\u00e6": "ae", "\u00df": "ss", "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u0131": "i", "\u00fe": "th", "\u00f0": "d" };
  // indexes holds each language's index as a promise; ready, the
  // languages whose index has arrived; everywhere, whether to search the
  // other languages too.
  var indexes = {}, ready = {}, everywhere = !more, timer;
  // The form is shown only where it works: without script (or with a
  // browser too old for this one) the page says so and lists the sections.
  if (notice) notice.hidden = true;
  form.hidden = false;

  function terms(s, l) {
    s = s.toLocaleLowerCase(l).normalize("NFKD").replace(marks, "");
    s = s.replace(/[\u0153\u00e6\u00df\u00f8\u0142\u0111\u0131\u00fe\u00f0]/g, function (c) { return spelled[c]; });
    return s.split(cuts).filter(function (t) { return Array.from(t).length >= 2; });
  }

  // get fetches url's JSON; it fails on an error, or when nothing arrives
  // for 30 s (data-stall, in ms). Each piece of the body restarts the
  // wait (where the browser gives them), so that a large index on a slow
  // link is not cut off.
  function get(url) {
    return new Promise(function (resolve, reject) {
      var abort = window.AbortController ? new AbortController() : null, wait, stall = Number(d.stall) || 30000;
      function waiting() {
        clearTimeout(wait);
        wait = setTimeout(function () {
          if (abort) abort.abort();
          reject(new Error("stalled"));
        }, stall);
      }
      waiting();
      fetch(url, abort ? { signal: abort.signal } : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        waiting();
        if (!r.body || !r.body.getReader || !window.TextDecoder) {
          clearTimeout(wait);
          return r.text();
        }
        var reader = r.body.getReader(), text = [], decoder = new TextDecoder();
        return (function next() {
          return reader.read().then(function (piece) {
            if (piece.done) return text.join("") + decoder.decode();
            waiting();
            text.push(decoder.decode(piece.value, { stream: true }));
            return next();
          });
        })();
      }).then(function (text) {
        clearTimeout(wait);
        resolve(JSON.parse(text));
      }, function (err) {
        clearTimeout(wait);
        reject(err);
      });
    });
  }

  function load(l, url) {
    if (!indexes[l]) {
      indexes[l] = get(url).then(function (idx) {
        idx.words = Object.keys(idx.terms);
        idx.titles = idx.docs.map(function (doc) { return " " + terms(doc.t, l).join(" "); });
        idx.byKey = {};
        idx.docs.forEach(function (doc) { idx.byKey[key(doc)] = doc; });
        ready[l] = true;
        return idx;
      });
      // Quoted: ES3 engines cannot parse .catch.
      indexes[l]["catch"](function () { delete indexes[l]; });
    }
    return indexes[l];
  }

  // key is a publication's path without the language: the same in every
  // language's index.
  function key(doc) { return doc.p.slice(doc.p.indexOf("/")); }

  // pages decodes the page numbers of a word: base-36 differences, "3.1.10".
  function pages(s) {
    var n = 0;
    return s.split(".").map(function (d) { return n += parseInt(d, 36); });
  }

  // find returns the docs of idx that hold every query word, best first.
  // A word of three letters or more also finds the words it starts.
  function find(idx, words) {
    var score = null;
    words.forEach(function (w) {
      var hits = {}, prefix = w.length >= 3, key = " " + w + (prefix ? "" : " ");
      idx.words.forEach(function (t) {
        if (t === w || (prefix && t.lastIndexOf(w, 0) === 0)) {
          pages(idx.terms[t]).forEach(function (n) { hits[n] = 1; });
        }
      });
      idx.docs.forEach(function (doc, n) {
        if (doc.w && (" " + doc.w + " ").indexOf(key) >= 0) hits[n] = 1;
      });
      var next = {};
      Object.keys(hits).forEach(function (n) {
        if (score && !(n in score)) return;
        var inTitle = (idx.titles[n] + " ").indexOf(key) >= 0;
        next[n] = (score ? score[n] : 0) + (inTitle ? 4 : 1);
      });
      score = next;
    });
    return Object.keys(score || {}).sort(function (a, b) {
      return score[b] - score[a] || a - b;
    }).map(function (n) { return { doc: idx.docs[n], score: score[n], lang: idx.lang }; });
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function list(results, label) {
    var ol = el("ol", "", { "class": "results" });
    results.forEach(function (r) {
      // A result in another language is laid out in its own direction
      // (English in an Arabic page), found from its text.
      var li = el("li", "", r.lang === lang ? {} : { lang: r.lang, dir: "auto" });
      var a = el("a", r.doc.t, { href: d.root + r.doc.p });
      if (r.lang !== lang) a.setAttribute("hreflang", r.lang);
      var h = el("p", "", { "class": "title" });
      h.appendChild(a);
      if (label) h.appendChild(el("span", " (" + label[r.lang] + ")", { lang: lang, dir: document.documentElement.dir || "ltr", "class": "in-lang" }));
      li.appendChild(h);
      li.appendChild(el("p", r.doc.m, { "class": "meta" }));
      if (r.doc.s) li.appendChild(el("p", r.doc.s));
      ol.appendChild(li);
    });
    return ol;
  }

  // The count in the language's plural form for n (a site's own search
  // page may still give only one and other).
  var counts = d.counts ? JSON.parse(d.counts) : { one: d.countOne, other: d.countOther };
  function count(n) {
    var form = counts[plural ? plural.select(n) : "other"] || counts.other;
    return form.replace("{n}", n.toLocaleString(lang));
  }

  function say(text) { status.textContent = text; }

  // show lists the results: those in the page's language, then those
  // found only in others, under a heading.
  function show(found, rest, label) {
    out.textContent = "";
    if (found.length) out.appendChild(list(found));
    if (rest.length) {
      rest.sort(function (a, b) { return b.score - a.score; });
      out.appendChild(el("h2", d.elsewhere, { tabindex: "-1" }));
      out.appendChild(list(rest, label));
    }
  }

  function run() {
    var q = input.value, words = terms(q, lang);
    out.textContent = "";
    if (!words.length) {
      say("");
      if (more) more.hidden = true;
      return;
    }
    // The status is a live region: a screen reader reads each change.
    // It says "loading" only while an index is on its way, and a count
    // once all the languages searched have answered.
    if (!ready[lang]) say(d.loading);
    load(lang, d.index).then(function (idx) {
      if (input.value !== q) return;
      var own = find(idx, words);
      if (!everywhere || !others.length) {
        show(own, []);
        say(own.length ? count(own.length) : d.none);
        if (more) more.hidden = false;
        return;
      }
      elsewhere(q, idx, own);
    }, function () {
      if (input.value === q) say(d.failed);
    });
  }

  // elsewhere adds the other languages' results of q to own, those of
  // idx, the page language's index.
  function elsewhere(q, idx, own) {
    var seen = {}, mine = idx.byKey;
    own.forEach(function (r) { seen[key(r.doc)] = 1; });
    if (others.some(function (o) { return !ready[o.lang]; })) {
      // The page's own results are shown meanwhile, and said to be so.
      show(own, []);
      say(own.length ? count(own.length) + " \u00b7 " + d.lookingElsewhere : d.lookingElsewhere);
      if (more) more.hidden = false;
    }
    Promise.all(others.map(function (o) {
      return load(o.lang, o.index).then(function (oi) { return find(oi, terms(q, o.lang)); }, function () { return null; });
    })).then(function (lists) {
      if (input.value !== q) return;
      var rest = [], label = {}, found = own.slice(), failed = false;
      lists.forEach(function (l, i) {
        label[others[i].lang] = others[i].label;
        if (!l) { failed = true; return; }
        l.forEach(function (r) {
          var k = key(r.doc);
          if (seen[k]) return;
          seen[k] = 1;
          // Found in another language's text, but translated into the
          // page's: the reader gets their own language's version.
          if (mine[k]) found.push({ doc: mine[k], score: r.score, lang: lang });
          else rest.push(r);
        });
      });
      show(found, rest, label);
      var n = found.length + rest.length, said = n ? count(n) : d.none;
      // The button stays to try again a language that could not be loaded.
      if (failed) { say(said + " \u00b7 " + d.failed); return; }
      say(said);
      if (!more || more.hidden) return;
      // Its work done, the button goes, and one who pressed it is taken
      // to what it found.
      var pressed = more.contains(document.activeElement);
      more.hidden = true;
      // Nothing found: the search field, where a reader tries again
      // (focus left on the hidden button would fall to the page).
      var next = out.querySelector("h2") || out.querySelector("a") || input;
      if (pressed) next.focus();
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run();
  });
  if (more) more.querySelector("button").addEventListener("click", function () {
    everywhere = true;
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    // Searching as the reader types, at each pause long enough to be
    // one: a shorter wait announced a count for every few letters.
    timer = setTimeout(run, 400);
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
})();
