/* Praatplaat: hotspots are plain links to the bouwsteen's section in the text
   version, so everything works without JavaScript. This script only moves
   focus to the chosen section, marks it, and brings focus back to the hotspot
   from the section's "Terug naar de plaat" link. */
(function () {
  "use strict";

  function focusSection(slug) {
    var section = document.getElementById("bouwsteen-" + slug);
    if (!section) { return; }
    document.querySelectorAll(".bouwsteen.is-current").forEach(function (el) {
      el.classList.remove("is-current");
    });
    document.querySelectorAll(".hotspot[aria-current]").forEach(function (el) {
      el.removeAttribute("aria-current");
    });
    section.classList.add("is-current");
    var hotspot = document.getElementById("hotspot-" + slug);
    if (hotspot) { hotspot.setAttribute("aria-current", "true"); }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#bouwsteen-" + slug);
    }
    section.focus();
  }

  document.addEventListener("click", function (event) {
    var hotspot = event.target.closest && event.target.closest("a.hotspot");
    if (hotspot) {
      event.preventDefault();
      focusSection(hotspot.getAttribute("data-hotspot"));
      return;
    }
    var back = event.target.closest && event.target.closest("a[data-back]");
    if (back) {
      event.preventDefault();
      var target = document.getElementById("hotspot-" + back.getAttribute("data-back"));
      if (target) { target.focus(); }
      return;
    }
    var print = event.target.closest && event.target.closest("[data-print]");
    if (print) { window.print(); }
  });

  // Opened with a bouwsteen in the address: show that one.
  var match = /^#bouwsteen-([\w-]+)$/.exec(window.location.hash);
  if (match) { focusSection(match[1]); }
})();
