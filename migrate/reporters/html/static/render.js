/* A report page's two sides, rendered in the browser the way the target renders Markdown (CommonMark,
   GFM tables, strikethrough, footnotes, raw HTML kept: markdown-it, like Hugo's goldmark) and then
   sanitized by DOMPurify: no script, event handler or javascript: URL of a wiki page ever runs here.
   Rendering here, not in Python, keeps writing a 2,466-page report cheap: each page file carries its
   two texts once (the listings), not twice. */
(function () {
  "use strict";
  // what a reviewer must see of a page: forms and iframes are kept (inert: the CSP blocks submitting
  // and framing) because "a kept <form>" is exactly what a person has to look at
  var CONFIG = {
    ADD_TAGS: ["iframe"],
    ADD_ATTR: ["target"],
    // the report's own classes and styles must not be faked by a page (class="lost" would fake a loss)
    FORBID_ATTR: ["style", "class", "srcdoc", "formaction", "action"],
    FORBID_TAGS: ["style", "svg", "math", "object", "embed", "base", "meta", "link"],
  };
  var md = null;
  function parser() {
    if (!md) {
      md = window.markdownit("commonmark", { html: true }).enable(["table", "strikethrough"]);
      if (window.markdownitFootnote) md.use(window.markdownitFootnote);
    }
    return md;
  }
  var prefix = "";
  window.DOMPurify.addHook("afterSanitizeAttributes", function (node) {
    // ids (and the links to them) get the side's prefix, so the two panes and the listings never clash
    if (node.hasAttribute("id")) node.setAttribute("id", prefix + node.getAttribute("id"));
    if (node.hasAttribute("name") && node.nodeName === "A") node.setAttribute("name", prefix + node.getAttribute("name"));
    var href = node.getAttribute("href");
    if (href && href.charAt(0) === "#" && href.length > 1) node.setAttribute("href", "#" + prefix + href.slice(1));
    if (node.nodeName === "IFRAME") node.setAttribute("sandbox", "");
  });
  /* Safe HTML for Markdown text, as a string or (asFragment) as nodes ready to insert: no second parse.
     Ids are prefixed with idPrefix ("src-" or "out-"). */
  function render(text, idPrefix, asFragment) {
    prefix = idPrefix;
    try {
      return window.DOMPurify.sanitize(parser().render(text),
        asFragment ? Object.assign({ RETURN_DOM_FRAGMENT: true }, CONFIG) : CONFIG);
    } finally {
      prefix = "";
    }
  }
  /* Fill each .rendered[data-from] pane from its listing's text (the body: from data-body-line on). */
  function fill() {
    Array.prototype.forEach.call(document.querySelectorAll(".rendered[data-from]"), function (pane) {
      var pre = document.getElementById(pane.getAttribute("data-from"));
      if (!pre) return;
      var lines = pre.textContent.split("\n");
      var body = lines.slice(Number(pre.getAttribute("data-body-line") || 1) - 1).join("\n");
      pane.textContent = "";
      pane.appendChild(render(body, pane.getAttribute("data-prefix") || "", true));
    });
  }
  window.MigrateRender = { render: render, fill: fill };
})();
