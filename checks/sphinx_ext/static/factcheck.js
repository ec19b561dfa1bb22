/* Fact provenance cards: shown on hover, keyboard focus and tap; Escape (or a tap elsewhere, or the
   close button on a phone) closes them. Each fact reference carries data-fact-* attributes written
   at build time; this script only reads them (textContent, never HTML) and needs nothing from the
   network. The card shows the value, its status only when it is uncertain (with the reason), each
   source with the words of it that support the value, the published values it corrects, and a link
   to the full record. Reference previews on Wikipedia work the same way.

   It also keeps notes out of the built-in search's result snippets: Sphinx leaves elements with the
   class "no-search" out of its index, and this does the same for the snippet text. */
(function () {
  "use strict";
  var MAX_SOURCES = 3;  // more are in the full record
  var open = null;      // the host whose card is shown
  var hideTimer = null;

  function hostOf(span) {
    var link = span.closest("a");
    if (link) return link;
    span.setAttribute("tabindex", "0");  // an unlinked reference must still be reachable by keyboard
    return span;
  }

  function line(cls, text) {
    var p = document.createElement("span");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function parse(json) {
    try { return JSON.parse(json || "[]"); } catch (e) { return []; }
  }

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  function build(span, host, id) {
    var tip = document.createElement("div");
    tip.id = id;
    tip.className = "fact-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    var d = span.dataset;
    if (d.factLabel) tip.appendChild(line("fact-tooltip-label", d.factLabel));
    tip.appendChild(line("fact-tooltip-value", d.factValue));
    if (d.factStatus && d.factStatus !== "verified") {
      var word = d.factStatus === "unverified" ? "Not confirmed" : "Disputed";
      var status = line("fact-tooltip-status", "");
      status.appendChild(line("fact-tooltip-" + d.factStatus, word + (d.factNote ? ": " : "")));
      status.appendChild(document.createTextNode(d.factNote || ""));
      tip.appendChild(status);
    }
    var sources = parse(d.factSources);
    sources.slice(0, MAX_SOURCES).forEach(function (s) {
      var source = line("fact-tooltip-source", "");
      source.appendChild(line("fact-tooltip-publisher", s.publisher));
      source.appendChild(document.createTextNode(" " + quoted(s.title)));
      tip.appendChild(source);
      if (s.excerpt) tip.appendChild(line("fact-tooltip-excerpt", quoted(s.excerpt)));
    });
    if (sources.length > MAX_SOURCES) {
      var more = sources.length - MAX_SOURCES;
      tip.appendChild(line("fact-tooltip-more", "and " + more + " more source" + (more > 1 ? "s" : "")));
    }
    parse(d.factCorrections).forEach(function (c) {
      tip.appendChild(line("fact-tooltip-correction", "Corrects " + c.publisher + ", which gave " + c.value + "."));
    });
    if (host.tagName === "A" && host.getAttribute("href")) {
      var link = document.createElement("a");
      link.className = "fact-tooltip-link";
      link.href = host.href;
      link.textContent = "Full record in the facts registry \u2192";
      link.tabIndex = -1;  // keyboard users reach the record through the reference itself
      tip.appendChild(link);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "fact-tooltip-close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    close.tabIndex = -1;
    close.addEventListener("click", function () { hide(); });
    tip.appendChild(close);
    document.body.appendChild(tip);
    return tip;
  }

  function asSheet() {
    return window.matchMedia && window.matchMedia("(max-width: 40em)").matches;
  }

  function place(host, tip) {
    if (asSheet()) {           // the stylesheet pins it to the bottom of the screen
      tip.style.left = "";
      tip.style.top = "";
      return;
    }
    var r = host.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight && r.top > tip.offsetHeight + 6) {
      top = r.top - tip.offsetHeight - 6;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function show(host) {
    clearTimeout(hideTimer);
    if (open && open !== host) hide();
    var tip = document.getElementById(host.getAttribute("aria-describedby"));
    if (!tip) return;
    tip.hidden = false;
    place(host, tip);
    host.setAttribute("aria-expanded", "true");
    open = host;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!open) return;
    var tip = document.getElementById(open.getAttribute("aria-describedby"));
    if (tip) tip.hidden = true;
    open.removeAttribute("aria-expanded");
    open = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function init() {
    var spans = document.querySelectorAll("span.fact-ref[data-fact-value]");
    spans.forEach(function (span, i) {
      var host = hostOf(span);
      if (host.hasAttribute("aria-describedby")) return;
      var tip = build(span, host, "fact-tooltip-" + i);
      host.setAttribute("aria-describedby", tip.id);
      if (host.title) {           // keep the no-script fallback out of the way of the card
        host.dataset.factTitle = host.title;
        host.removeAttribute("title");
      }
      host.addEventListener("mouseenter", function () { if (host.dataset.factTouch !== "1") show(host); });
      host.addEventListener("mouseleave", function () { if (host.dataset.factTouch !== "1") hideSoon(); });
      host.addEventListener("focus", function () { show(host); });
      host.addEventListener("blur", function () { if (!asSheet()) hideSoon(); });
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { if (!asSheet()) hideSoon(); });
      // Touch: the first tap shows the card, a second tap follows the link to the full record.
      // (A tap also focuses the link, which opens the card before the click: what counts is
      // whether the card was open when the finger came down.)
      host.addEventListener("click", function (ev) {
        if (host.dataset.factTouch === "1" && host.dataset.factWasOpen !== "1") {
          ev.preventDefault();
          show(host);
        }
      });
      host.addEventListener("pointerdown", function (ev) {
        host.dataset.factTouch = ev.pointerType === "touch" ? "1" : "0";
        host.dataset.factWasOpen = open === host ? "1" : "0";
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") hide();
    });
    document.addEventListener("pointerdown", function (ev) {
      if (open && !open.contains(ev.target) && !(ev.target.closest && ev.target.closest(".fact-tooltip"))) {
        hide();
      }
    });
    window.addEventListener("resize", function () { if (open) show(open); });
    keepNotesOutOfSearchSnippets();
  }

  // Sphinx's search shows a snippet of each result page's text; notes (a dateline, a correction
  // box) are left out of it as they are left out of the index.
  function keepNotesOutOfSearchSnippets() {
    if (typeof Search === "undefined" || !Search.htmlToText) return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".no-search").forEach(function (el) { el.remove(); });
      return original(doc.documentElement.outerHTML, anchor);
    };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
