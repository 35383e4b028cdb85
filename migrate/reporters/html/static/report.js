/* The migration report's own script: charts and the page table from data.js, and the
   differences highlighted on a page's view. No network, no eval, no inline script (see the CSP). */
(function () {
  "use strict";
  var view = document.body.getAttribute("data-view");
  var R = window.MIGRATE_REPORT;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var COLORS = { ok: "#2e7d32", warning: "#e0a100", error: "#c62828" };

  /* ---------- summary: charts ---------- */
  function chart(id, config) {
    var el = document.getElementById(id);
    if (!el || !window.Chart) return null;
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } } }, config.options || {});
    return new window.Chart(el, config);
  }
  function hbar(id, labels, values, color, log) {
    // a log scale only when counts differ by orders of magnitude (713 img-alt beside 1 audit loss)
    log = log && Math.max.apply(null, values.concat(1)) > 50 * Math.max(1, Math.min.apply(null, values.concat(1e9)));
    return chart(id, { type: "bar", data: { labels: labels, datasets: [{ data: values, backgroundColor: color }] },
      options: { indexAxis: "y", scales: { x: log ? { type: "logarithmic", min: 0.5, ticks: { callback: function (v) {
          var l = Math.log10(v); return Math.abs(l - Math.round(l)) < 1e-9 && v >= 1 ? v.toLocaleString() : ""; } } } : { beginAtZero: true, ticks: { precision: 0 } },
        y: { ticks: { autoSkip: false } } } } });
  }
  function summary() {
    var byStatus = R.statuses;
    chart("chart-status", { type: "doughnut",
      data: { labels: ["ok", "warning", "error"], datasets: [{ data: [byStatus.ok, byStatus.warning, byStatus.error],
        backgroundColor: [COLORS.ok, COLORS.warning, COLORS.error] }] },
      options: { plugins: { legend: { display: true, position: "right" } } } });
    var lost = R.summary.audit_lost || {};
    chart("chart-lost", { type: "bar", data: { labels: ["words", "links", "images"],
      datasets: [{ data: [lost.words || 0, lost.links || 0, lost.images || 0], backgroundColor: COLORS.error }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    var codes = Object.keys(R.summary.codes).sort(function (a, b) { return R.summary.codes[b] - R.summary.codes[a]; });
    var box = document.getElementById("chart-codes");
    if (box) box.parentNode.style.height = Math.max(160, 22 * codes.length + 40) + "px";
    hbar("chart-codes", codes, codes.map(function (c) { return R.summary.codes[c]; }), "#3f6fb5", true);
    var kept = Object.keys(R.summary.kept_html).filter(function (k) { return k !== "comment"; })
      .sort(function (a, b) { return R.summary.kept_html[b] - R.summary.kept_html[a]; });
    hbar("chart-kept", kept.map(function (k) { return "<" + k + ">"; }),
      kept.map(function (k) { return R.summary.kept_html[k]; }), "#7b5ea7", true);
    var timed = R.slowest;
    if (!timed.length) {
      document.getElementById("chart-slow").parentNode.hidden = true;
      document.getElementById("slow-note").hidden = false;
    } else {
      var slow = hbar("chart-slow", timed.map(function (p) { return p.s.split("/").pop().slice(0, 40); }),
        timed.map(function (p) { return Math.round(p.t * 1000); }), "#607d8b");
      if (slow) {
        slow.options.onClick = function (_e, els) { if (els.length) location.href = "p/" + timed[els[0].index].f; };
        slow.options.scales.x.title = { display: true, text: "ms" };
        slow.update();
      }
    }
  }

  /* ---------- pages: sortable, filterable table ---------- */
  var PAGE_ROWS = 500;
  function pages() {
    var $ = function (id) { return document.getElementById(id); };
    var code = $("f-code"), kept = $("f-kept");
    Object.keys(R.summary.codes).sort().forEach(function (c) { code.add(new Option(c + " (" + R.summary.codes[c] + ")", c)); });
    Object.keys(R.summary.kept_html).sort().forEach(function (k) { if (k !== "comment") kept.add(new Option("<" + k + ">", k)); });
    var state = { sort: "s", dir: 1 };
    var fields = { q: $("f-text"), status: $("f-status"), code: code, kept: kept, loss: $("f-loss") };
    function fromHash() {
      var h = new URLSearchParams(location.hash.slice(1));
      Object.keys(fields).forEach(function (k) { fields[k].value = h.get(k) || ""; });
      if (h.get("sort")) { state.sort = h.get("sort"); state.dir = h.get("dir") === "desc" ? -1 : 1; }
    }
    function toHash() {
      var h = new URLSearchParams();
      Object.keys(fields).forEach(function (k) { if (fields[k].value) h.set(k, fields[k].value); });
      if (state.sort !== "s" || state.dir !== 1) { h.set("sort", state.sort); h.set("dir", state.dir < 0 ? "desc" : "asc"); }
      history.replaceState(null, "", "#" + h.toString());
    }
    function lost(p) { return p.lw + p.ll + p.li; }
    function key(p, k) { return k === "lost" ? lost(p) : k === "t" ? (typeof p.t === "number" ? p.t : -1) : p[k]; }
    function render() {
      var q = fields.q.value.toLowerCase(), st = fields.status.value, c = fields.code.value,
        k = fields.kept.value, l = fields.loss.value;
      var rows = R.pages.filter(function (p) {
        if (st && p.st !== st) return false;
        if (c && p.c.indexOf(c) < 0) return false;
        if (k === "*" ? !p.kt : k && !p.k[k]) return false;
        if (l === "*" ? !lost(p) : l && !p["l" + l[0]]) return false;
        if (q && p.s.toLowerCase().indexOf(q) < 0 && String(p.u || "").toLowerCase().indexOf(q) < 0) return false;
        return true;
      });
      rows.sort(function (a, b) {
        var x = key(a, state.sort), y = key(b, state.sort);
        return (x < y ? -1 : x > y ? 1 : a.i - b.i) * state.dir;
      });
      var html = rows.map(function (p) {
        var shown = p.c.slice(0, 4).map(function (c) { return "<code>" + esc(c) + "</code>"; }).join(" ");
        var l = lost(p);
        return '<tr class="st-' + esc(p.st) + '"><td><a href="p/' + esc(p.f) + '">' + esc(p.s) + "</a></td>" +
          '<td><span class="status ' + esc(p.st) + '">' + esc(p.st) + "</span></td>" +
          '<td class="num">' + (p.e || "") + '</td><td class="num">' + (p.w || "") + "</td>" +
          '<td class="num">' + (p.kt || "") + "</td>" +
          '<td class="num' + (l ? ' bad" title="' + p.lw + " words, " + p.ll + " links, " + p.li + ' images"' : '"') + ">" + (l || "") + "</td>" +
          '<td class="num">' + (typeof p.t === "number" ? Math.round(p.t * 1000) : "") + "</td>" +
          "<td>" + shown + (p.c.length > 4 ? " …" : "") + "</td></tr>";
      });
      // a big run: the first rows at once, the rest when asked (laying out 2,466 rows costs seconds)
      var limit = state.all ? html.length : PAGE_ROWS;
      $("pages").tBodies[0].innerHTML = html.slice(0, limit).join("");
      $("more").hidden = html.length <= limit;
      $("more").textContent = "Show all " + html.length + " pages";
      $("f-count").value = rows.length + " of " + R.pages.length + " pages";
      $("f-count").setAttribute("data-shown", rows.length);
      Array.prototype.forEach.call($("pages").tHead.rows[0].cells, function (th) {
        var s = th.getAttribute("data-sort");
        if (s) th.setAttribute("aria-sort", s === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
      });
    }
    $("pages").tHead.addEventListener("click", function (e) {
      var s = e.target.closest("th") && e.target.closest("th").getAttribute("data-sort");
      if (!s) return;
      state.dir = state.sort === s ? -state.dir : (s === "s" ? 1 : -1);
      state.sort = s;
      toHash(); render();
    });
    $("filters").addEventListener("input", function () { toHash(); render(); });
    $("more").addEventListener("click", function () { state.all = true; render(); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", function () { fromHash(); render(); });
    fromHash(); render();
  }

  /* ---------- one page: differences between the two renderings ---------- */
  var EDGE = /^[*_~#`\\]+|[*_~#`\\]+$/g;
  var MARKUP = /[{}]|~[a-z/]{2,3}~|\(\(|\)\)/;
  function tokens(root) {
    // an iframe's fallback text (or a textarea's) is not text a reader sees
    var unseen = { acceptNode: function (n) {
      return n.parentNode.closest("iframe, textarea, noscript") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; } };
    var out = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, unseen), node, m, re = /\S+/g;
    while ((node = walk.nextNode())) {
      re.lastIndex = 0;
      while ((m = re.exec(node.data))) {
        var w = m[0].replace(EDGE, "");
        if (w) out.push({ node: node, start: m.index, end: m.index + m[0].length, w: w, markup: MARKUP.test(w) });
      }
    }
    return out;
  }
  function bag(list, get) {
    var b = Object.create(null);
    list.forEach(function (x) { var k = get(x); b[k] = (b[k] || 0) + 1; });
    return b;
  }
  function unmatched(list, other, get) {
    return list.filter(function (x) { var k = get(x); if (other[k] > 0) { other[k]--; return false; } return true; });
  }
  function wrap(marks) {
    var byNode = new Map();
    marks.forEach(function (m) { (byNode.get(m.node) || byNode.set(m.node, []).get(m.node)).push(m); });
    byNode.forEach(function (list, node) {
      var text = node.data, frag = document.createDocumentFragment(), at = 0;
      list.sort(function (a, b) { return a.start - b.start; }).forEach(function (m) {
        if (m.start > at) frag.appendChild(document.createTextNode(text.slice(at, m.start)));
        var el = document.createElement(m.cls === "markup" ? "span" : "mark");
        el.className = m.cls;
        el.textContent = text.slice(m.start, m.end);
        frag.appendChild(el);
        at = m.end;
      });
      if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }
  /* a file listing: one numbered, linkable line each; lines with diagnostics marked */
  function number(pre) {
    var prefix = pre.getAttribute("data-prefix"), marked = {};
    (pre.getAttribute("data-marked") || "").split(",").forEach(function (n) { if (n) marked[n] = true; });
    var lines = pre.textContent.split("\n");
    pre.innerHTML = lines.map(function (line, i) {
      var n = i + 1, id = prefix + n;
      return '<span class="l' + (marked[n] ? " diag" : "") + '" id="' + id + '"><a class="n" href="#' + id + '">' + n +
        "</a>" + esc(line) + "</span>";
    }).join("");
  }
  // listings are numbered when first shown: a 200 KB page opens without laying out thousands of lines
  function numbered(pre) {
    if (pre && !pre.hasAttribute("data-numbered")) { number(pre); pre.setAttribute("data-numbered", ""); }
    return pre;
  }
  function goToLine() {
    var id = decodeURIComponent(location.hash.slice(1)), m = /^([LO])\d+$/.exec(id);
    if (m) numbered(document.querySelector('pre.lines[data-prefix="' + m[1] + '"]'));
    var el = id && document.getElementById(id);
    if (!el) return;
    var old = document.querySelector(".l.hit");
    if (old) old.classList.remove("hit");
    if (el.classList.contains("l")) el.classList.add("hit");
    var box = el.closest("details");
    if (box) box.open = true;
    el.scrollIntoView({ block: "center" });
  }
  function page() {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.addEventListener("toggle", function () { if (d.open) numbered(d.querySelector("pre.lines")); });
    });
    // the panes are rendered from the listings' text before anything numbers (rewrites) a listing
    if (window.MigrateRender) window.MigrateRender.fill();
    goToLine();
    window.addEventListener("hashchange", goToLine);
    var src = document.getElementById("src-view"), out = document.getElementById("out-view");
    if (!src || !out) return;
    Array.prototype.forEach.call(document.querySelectorAll(".rendered iframe"), function (f) {
      var label = document.createElement("div");
      label.className = "iframe-label";
      label.textContent = "iframe (not loaded in the report): " + (f.getAttribute("src") || "");
      f.parentNode.insertBefore(label, f);
    });
    var st = tokens(src), ot = tokens(out);
    var word = function (t) { return t.w; };
    var sWords = st.filter(function (t) { return !t.markup; }), oWords = ot.filter(function (t) { return !t.markup; });
    var lost = unmatched(sWords, bag(oWords, word), word);
    var added = unmatched(oWords, bag(sWords, word), word);
    var marks = lost.map(function (t) { t.cls = "lost"; return t; })
      .concat(st.filter(function (t) { return t.markup; }).map(function (t) { t.cls = "markup"; return t; }));
    wrap(marks);
    wrap(added.map(function (t) { t.cls = "added"; return t; }));
    function attrs(root, sel, name) {
      return Array.prototype.map.call(root.querySelectorAll(sel), function (el) { return { el: el, v: (el.getAttribute(name) || "").trim() }; });
    }
    var v = function (x) { return x.v; };
    var sl = attrs(src, "a[href]", "href"), ol = attrs(out, "a[href]", "href");
    var si = attrs(src, "img", "src"), oi = attrs(out, "img", "src");
    var lostLinks = unmatched(sl, bag(ol, v), v), lostImgs = unmatched(si, bag(oi, v), v);
    var addedLinks = unmatched(ol, bag(sl, v), v), addedImgs = unmatched(oi, bag(si, v), v);
    lostLinks.forEach(function (x) { x.el.classList.add("lost-link"); });
    addedLinks.forEach(function (x) { x.el.classList.add("added-link"); });
    lostImgs.forEach(function (x) { x.el.classList.add("lost-img"); });
    addedImgs.forEach(function (x) { x.el.classList.add("added-img"); });
    var stat = document.getElementById("diffstat");
    stat.setAttribute("data-lost-words", lost.length);
    stat.setAttribute("data-lost-links", lostLinks.length);
    stat.setAttribute("data-lost-images", lostImgs.length);
    stat.setAttribute("data-added-words", added.length);
    stat.textContent = "Rendered, the source has " + lost.length + " words, " + lostLinks.length + " links and " +
      lostImgs.length + " images the output lacks; the output adds " + added.length + " words, " +
      addedLinks.length + " links and " + addedImgs.length + " images.";
    var first = src.querySelector("mark.lost, .lost-link, .lost-img");
    if (first) first.id = first.id || "first-loss";
  }

  if (view === "summary" && R) summary();
  else if (view === "pages" && R) pages();
  else if (view === "page") page();
  // when the page was ready to use (read by the benchmark and the tests)
  document.documentElement.setAttribute("data-ready-ms", Math.round(performance.now()));
})();
