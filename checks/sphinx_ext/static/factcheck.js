/* Fact provenance tooltips: shown on hover, keyboard focus and touch; Escape closes them.
   Each fact reference carries data-fact-* attributes written at build time; this script only
   reads them (textContent, never HTML) and needs nothing from the network. */
(function () {
  "use strict";
  var open = null;      // the host whose tooltip is shown
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

  function build(span, id) {
    var tip = document.createElement("div");
    tip.id = id;
    tip.className = "fact-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    var d = span.dataset;
    tip.appendChild(line("fact-tooltip-value", d.factValue));
    tip.appendChild(line("fact-tooltip-status fact-tooltip-" + d.factStatus,
      d.factStatus + (d.factCorrected ? "; corrects a published value" : "")));
    var sources = [];
    try { sources = JSON.parse(d.factSources || "[]"); } catch (e) { sources = []; }
    sources.forEach(function (s) {
      tip.appendChild(line("fact-tooltip-source",
        s.title + " (" + s.publisher + "), retrieved " + s.retrieved));
    });
    document.body.appendChild(tip);
    return tip;
  }

  function place(host, tip) {
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
    open = host;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!open) return;
    var tip = document.getElementById(open.getAttribute("aria-describedby"));
    if (tip) tip.hidden = true;
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
      var tip = build(span, "fact-tooltip-" + i);
      host.setAttribute("aria-describedby", tip.id);
      if (host.title) {           // keep the no-script fallback out of the way of the tooltip
        host.dataset.factTitle = host.title;
        host.removeAttribute("title");
      }
      host.addEventListener("mouseenter", function () { show(host); });
      host.addEventListener("mouseleave", hideSoon);
      host.addEventListener("focus", function () { show(host); });
      host.addEventListener("blur", hideSoon);
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", hideSoon);
      // Touch: the first tap shows the provenance, a second tap follows the link.
      host.addEventListener("click", function (ev) {
        if (host.dataset.factTouch === "1" && open !== host) {
          ev.preventDefault();
          show(host);
        }
      });
      host.addEventListener("pointerdown", function (ev) {
        host.dataset.factTouch = ev.pointerType === "touch" ? "1" : "0";
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
