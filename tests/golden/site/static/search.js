/* Dateline search page: Pagefind's bundled UI over the index built with the site.
   Paths come from data attributes so the site works under any base path (GitHub Pages). */
(function () {
  "use strict";
  var element = document.getElementById("search");
  var fallback = document.querySelector("[data-search-fallback]");
  if (!element || typeof window.PagefindUI !== "function") { return; }
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    baseUrl: element.dataset.base,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  if (fallback) { fallback.hidden = true; }
  // Pagefind labels its field with a title only; give it a proper accessible name.
  var input = element.querySelector("input[type=text], input[type=search], input");
  if (input && !input.getAttribute("aria-label")) {
    input.setAttribute("aria-label", element.dataset.label || "Search the timeline");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
