/* Dateline listings: order and density, kept in the address.
   The server lists events oldest first and, within a day, the most important first. With
   ?order=newest this script turns the list around (years, months and days newest first; a
   day's events keep their order, so the most important still leads) and, on a listing in
   pages, starts at its last page. ?view=compact shows headlines and dates only; CSS does that
   without this script too (the checkbox), the script keeps it in the address. Each choice is
   a history entry, so Back undoes it. */
(function () {
  "use strict";
  var controls = document.querySelector("[data-view-controls]");
  var timeline = document.querySelector(".timeline");
  if (!controls || !timeline) { return; }
  var listing = controls.closest(".listing") || document.body;
  var orderField = controls.querySelector("[data-order]");
  var compact = controls.querySelector("[data-compact]");
  var pagers = Array.prototype.slice.call(document.querySelectorAll("nav.pager"));
  var shownOrder = "oldest";  // the order the page shows now

  function params() { return new URLSearchParams(window.location.search); }

  function wanted() {
    var query = params();
    return {order: query.get("order") === "newest" ? "newest" : "oldest",
            compact: query.get("view") === "compact"};
  }

  function isItem(element) {
    return element.matches("article.event, section[data-filter-group]");
  }

  function dayOf(card) {
    var time = card.querySelector(".event-date time");
    return time ? time.getAttribute("datetime") : "";
  }

  // Turn a container's events and groups around, inner groups first. Consecutive events of
  // one date stay together and in their order: within a day, importance comes first.
  function reverse(container) {
    var items = Array.prototype.filter.call(container.children, isItem);
    if (!items.length) { return; }
    items.forEach(function (item) { if (item.tagName === "SECTION") { reverse(item); } });
    var units = [];
    items.forEach(function (item) {
      var day = item.tagName === "ARTICLE" ? dayOf(item) : null;
      var last = units[units.length - 1];
      if (day !== null && last && last.day === day) { last.items.push(item); } else {
        units.push({day: day, items: [item]});
      }
    });
    var after = items[items.length - 1].nextSibling;
    units.reverse().forEach(function (unit) {
      unit.items.forEach(function (item) { container.insertBefore(item, after); });
    });
  }

  // Page links keep the reader's choices, and read in the listing's order.
  function updatePagers(state) {
    pagers.forEach(function (pager) {
      var list = pager.querySelector("ul");
      Array.prototype.forEach.call(pager.querySelectorAll("a[href]"), function (link) {
        var address = new URL(link.getAttribute("href"), window.location.href);
        setParams(address.searchParams, state);
        link.setAttribute("href", address.pathname + address.search + address.hash);
        var rel = link.getAttribute("rel");
        if (rel === "prev") { link.textContent = state.order === "newest" ? "Older →" : "← Earlier"; }
        if (rel === "next") { link.textContent = state.order === "newest" ? "← Newer" : "Later →"; }
      });
      if (list && list.dataset.order !== state.order) {
        Array.prototype.slice.call(list.children).reverse().forEach(function (item) {
          list.appendChild(item);
        });
        list.dataset.order = state.order;
      }
    });
  }

  function setParams(query, state) {
    if (state.order === "newest") { query.set("order", "newest"); } else { query.delete("order"); }
    if (state.compact) { query.set("view", "compact"); } else { query.delete("view"); }
  }

  function show(state) {
    if (state.order !== shownOrder) {
      reverse(timeline);
      shownOrder = state.order;
    }
    orderField.querySelector("input[value=" + state.order + "]").checked = true;
    compact.checked = state.compact;
    listing.classList.toggle("is-compact", state.compact);
    updatePagers(state);
  }

  function remember(state) {
    var query = params();
    setParams(query, state);
    var text = query.toString();
    window.history.pushState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  function chosen() {
    var order = orderField.querySelector("input:checked");
    return {order: order ? order.value : "oldest", compact: compact.checked};
  }

  orderField.hidden = false;
  Array.prototype.forEach.call(controls.querySelectorAll("[data-no-script]"), function (el) {
    el.hidden = true;
  });
  orderField.addEventListener("change", function () {
    var state = chosen();
    var start = state.order === "newest" ? controls.dataset.last : controls.dataset.first;
    if (start && start !== window.location.pathname) {
      // A listing in pages starts where the chosen order starts: its last page, or its first.
      var query = params();
      setParams(query, state);
      var text = query.toString();
      window.location.assign(start + (text ? "?" + text : ""));
      return;
    }
    remember(state);
    show(state);
  });
  compact.addEventListener("change", function () {
    var state = chosen();
    remember(state);
    show(state);
  });
  window.addEventListener("popstate", function () { show(wanted()); });
  show(wanted());
})();
