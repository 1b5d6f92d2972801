/* Dateline filters: progressive enhancement of listing pages.
   Without this script the page lists every event and links to actor, tag and year pages.
   With it, the filter form appears, filtering is instant on the current page, and the state
   lives in the query string (?actor=USA&type=talks) so a filtered view can be shared. Options
   read as plain labels; a type's value is its label's slug, never a CAMEO code. */
(function () {
  "use strict";
  var root = document.querySelector("[data-filters]");
  if (!root) { return; }
  var form = root.querySelector("form");
  var status = root.querySelector(".filter-status");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.event[data-quad]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  // Which data attribute each filter reads, and whether it holds a space-separated list.
  var FIELDS = {
    actor: ["actors", true], quad: ["quad", false], type: ["type", false],
    tag: ["tags", true], year: ["year", false], source: ["sources", true]
  };

  function selects() {
    return Array.prototype.slice.call(form.querySelectorAll("select"));
  }

  function wanted() {
    var chosen = {};
    selects().forEach(function (select) {
      if (select.value) { chosen[select.name] = select.value; }
    });
    return chosen;
  }

  function matches(card, chosen) {
    return Object.keys(chosen).every(function (name) {
      var spec = FIELDS[name];
      var value = card.dataset[spec[0]] || "";
      return spec[1] ? value.split(" ").indexOf(chosen[name]) !== -1 : value === chosen[name];
    });
  }

  function apply(updateUrl) {
    var chosen = wanted();
    var active = Object.keys(chosen).length > 0;
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card, chosen);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = active && !group.querySelector("article.event:not([hidden])");
    });
    status.hidden = !active;
    status.textContent = active
      ? "Showing " + shown + " of " + cards.length + " events on this page."
      : "";
    if (updateUrl) { writeUrl(chosen); }
  }

  function writeUrl(chosen) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(FIELDS).forEach(function (name) {
      if (chosen[name]) { params.set(name, chosen[name]); } else { params.delete(name); }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    selects().forEach(function (select) {
      var value = params.get(select.name) || "";
      if (value && !select.querySelector("option[value=\"" + CSS.escape(value) + "\"]")) {
        // A shared link can name a value absent from this page: keep it, so the view is honest.
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (0)";
        select.appendChild(option);
      }
      select.value = value;
    });
  }

  form.hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll(".no-js-only"), function (el) {
    el.hidden = true;
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { apply(true); }, 0);
  });
  window.addEventListener("popstate", function () { readUrl(); apply(false); });
  readUrl();
  apply(false);
})();
