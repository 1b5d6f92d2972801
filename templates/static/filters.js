/* Dateline filters: progressive enhancement of listing pages.
   Without this script the filter links lead to the listing built for each value (an actor's,
   a type's, a year's page). With it, the filter form appears and filters the whole listing:
   a listing of one page from its cards; a listing in pages from its filter index
   (data-index, dateline/filterindex.py), loaded on first use, its matches listed from every
   page. The count, the overview chart and the key developments follow the filter. The state
   lives in the address (?actor=USA&type=talks&from=2018-03&to=2018-09), each change a history
   entry (Back undoes it), so a filtered view can be shared. Options read as plain labels; a
   type's value is its label's slug, never a CAMEO code. */
(function () {
  "use strict";
  var root = document.querySelector("[data-filters]");
  if (!root) { return; }
  var form = root.querySelector("form");
  var status = root.querySelector(".filter-status");
  var results = root.querySelector(".filter-results");
  var listing = root.closest(".listing") || document.body;
  var timeline = listing.querySelector(".timeline");
  var pagers = Array.prototype.slice.call(listing.querySelectorAll("nav.pager"));
  var indexUrl = root.dataset.index || "";
  // a listing too long for an index: this page's cards only, and the links to each value's
  // listing stay in view
  var partial = root.hasAttribute("data-partial");
  var base = root.dataset.base || "/";
  var cards = Array.prototype.slice.call(listing.querySelectorAll("article.event[data-quad]"));
  var groups = Array.prototype.slice.call(listing.querySelectorAll("[data-filter-group]"));
  var KINDS = ["actor", "quad", "type", "tag", "year", "source"];
  var LISTS = {actor: true, tag: true, source: true};  // an event has several of these
  var QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict",
               "material-conflict", "none"];  // the chart's stacking order, bottom first
  var SVG = "http://www.w3.org/2000/svg";
  var records = indexUrl ? null : cards.map(cardRecord);
  var loading = null;
  var chart = document.querySelector("svg.chart[data-scale]");
  var bars = chart ? chart.querySelector("g.bars") : null;
  var barsAsBuilt = bars ? bars.innerHTML : "";
  var keyList = document.querySelector(".key-events ol");
  var keysAsBuilt = keyList ? keyList.innerHTML : "";
  var keyCount = keyList ? keyList.children.length : 0;

  function words(text) { return text ? text.split(" ") : []; }

  function cardRecord(card, position) {
    var time = card.querySelector(".event-date time");
    return {id: card.id, card: card, position: position, month: card.dataset.month || "",
            label: time ? time.textContent : "", key: 0,
            actor: words(card.dataset.actors), quad: card.dataset.quad || "none",
            type: card.dataset.type || "", tag: words(card.dataset.tags),
            year: card.dataset.year || "", source: words(card.dataset.sources)};
  }

  function indexRecords(data) {
    function values(kind, positions) {
      return positions.map(function (at) { return data[kind][at][0]; });
    }
    return data.events.map(function (row, position) {
      return {id: row[0], label: row[1], month: row[2], year: row[3] ? String(row[3]) : "",
              quad: data.quad[row[4]][0], type: row[5] >= 0 ? data.type[row[5]][0] : "",
              actor: values("actor", row[6]), tag: values("tag", row[7]),
              source: values("source", row[8]), key: row[9], summary: row[10],
              position: position};
    });
  }

  // Options the page left out (it offers the most frequent): added from the index.
  function completeOptions(data) {
    ["actor", "type", "tag", "source"].forEach(function (kind) {
      var select = form.querySelector("select[name=" + kind + "]");
      if (!select || !data[kind]) { return; }
      var counts = {};
      records.forEach(function (record) {
        (LISTS[kind] ? record[kind] : [record[kind]]).forEach(function (value) {
          counts[value] = (counts[value] || 0) + 1;
        });
      });
      data[kind].filter(function (pair) {
        var found = optionFor(select, pair[0]);
        return counts[pair[0]] && (!found || found.dataset.pending);
      }).sort(function (a, b) { return counts[b[0]] - counts[a[0]]; }).forEach(function (pair) {
        var option = optionFor(select, pair[0]) || document.createElement("option");
        delete option.dataset.pending;
        option.value = pair[0];
        option.textContent = pair[1] + " (" + counts[pair[0]] + ")";
        select.appendChild(option);
      });
    });
  }

  function optionFor(select, value) {
    return Array.prototype.find.call(select.options, function (o) { return o.value === value; });
  }

  function load() {
    if (!loading) {
      loading = fetch(indexUrl).then(function (response) {
        if (!response.ok) { throw new Error("filter index: HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        records = indexRecords(data);
        completeOptions(data);
        readUrl();  // a value the page did not offer is now an option
      });
    }
    return loading;
  }

  function wanted() {
    var chosen = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value && field.type !== "reset") { chosen[field.name] = field.value; }
    });
    return chosen;
  }

  function matches(record, chosen) {
    var from = chosen.from || "", to = chosen.to || "";
    if (from && to && from > to) { var swap = from; from = to; to = swap; }
    if ((from || to) && (!record.month || (from && record.month < from) ||
                         (to && record.month > to))) { return false; }
    return KINDS.every(function (kind) {
      if (!chosen[kind]) { return true; }
      return LISTS[kind] ? record[kind].indexOf(chosen[kind]) !== -1
                         : record[kind] === chosen[kind];
    });
  }

  function apply() {
    var chosen = wanted();
    var active = Object.keys(chosen).length > 0;
    if (active && !records) {
      status.hidden = false;
      status.textContent = "Loading every event of this listing…";
      load().then(apply, function (error) {
        status.textContent = "The filter index could not be loaded (" + error.message +
          "). The links above lead to each actor's, type's and year's events.";
      });
      return;
    }
    var hits = active ? records.filter(function (r) { return matches(r, chosen); }) : null;
    if (indexUrl) { showResults(hits); } else { showCards(hits); }
    status.hidden = !active;
    status.textContent = active ? "Showing " + hits.length + " of " + records.length +
      " event" + (records.length === 1 ? "" : "s") + (indexUrl
        ? " of this listing, from all its pages."
        : partial ? " on this page. This listing is too long to filter whole: the links" +
          " above lead to all the events of each actor, type, year, tag or source." : ".") : "";
    drawBars(hits);
    showKeys(hits);
  }

  function showCards(hits) {
    var shown = {};
    (hits || []).forEach(function (r) { shown[r.id] = true; });
    cards.forEach(function (card) { card.hidden = hits !== null && !shown[card.id]; });
    groups.forEach(function (group) {
      group.hidden = hits !== null && !group.querySelector("article.event:not([hidden])");
    });
  }

  function showResults(hits) {
    var active = hits !== null;
    if (timeline) { timeline.hidden = active; }
    // the index's "Recent months": filtered, the matches come from the whole timeline
    var heading = document.getElementById("list-h");
    if (heading && heading.dataset.filtered) {
      if (!heading.dataset.title) { heading.dataset.title = heading.textContent; }
      heading.textContent = active ? heading.dataset.filtered : heading.dataset.title;
    }
    pagers.forEach(function (pager) { pager.hidden = active; });
    results.hidden = !active;
    results.textContent = "";
    if (!active) { return; }
    var ordered = new URLSearchParams(window.location.search).get("order") === "newest"
      ? newestFirst(hits) : hits;
    var fragment = document.createDocumentFragment();
    ordered.forEach(function (record) { fragment.appendChild(resultItem(record)); });
    results.appendChild(fragment);
  }

  // Newest first, each date's events kept in order (within a day, the most important first).
  function newestFirst(hits) {
    var runs = [];
    hits.forEach(function (r) {
      var last = runs[runs.length - 1];
      if (last && last[0].label === r.label) { last.push(r); } else { runs.push([r]); }
    });
    return [].concat.apply([], runs.reverse());
  }

  function resultItem(record) {
    var item = document.createElement("li");
    var time = document.createElement("time");
    time.textContent = record.label;
    var link = document.createElement("a");
    link.href = base + "events/" + record.id + "/";
    link.textContent = record.summary;
    item.appendChild(time);
    item.appendChild(link);
    return item;
  }

  // The chart's bars redrawn for the matching events, on the chart's own scale.
  function drawBars(hits) {
    if (!bars) { return; }
    var shown = {};
    (hits || []).forEach(function (r) { shown[r.id] = true; });
    Array.prototype.forEach.call(chart.querySelectorAll("a.key-marker"), function (marker) {
      // a marker leads to its key development: hidden when that one does not match
      var id = marker.getAttribute("href").split("/").filter(Boolean).pop();
      marker.toggleAttribute("hidden", hits !== null && !shown[id]);
    });
    if (hits === null) { bars.innerHTML = barsAsBuilt; return; }
    var scale = Number(chart.dataset.scale), top = Number(chart.dataset.top);
    var bottom = Number(chart.dataset.base);
    var counts = {};
    hits.forEach(function (r) {
      if (!r.month) { return; }
      var month = counts[r.month] = counts[r.month] || {};
      month[r.quad] = (month[r.quad] || 0) + 1;
    });
    bars.innerHTML = barsAsBuilt;
    Array.prototype.forEach.call(bars.querySelectorAll("a.bar"), function (bar) {
      var month = counts[bar.dataset.month] || {};
      var hit = bar.querySelector(".bar-hit");
      var y = bottom, total = 0;
      Array.prototype.forEach.call(bar.querySelectorAll("rect.seg"), function (seg) {
        seg.remove();
      });
      QUADS.forEach(function (quad) {
        if (!month[quad]) { return; }
        var height = (bottom - top) * month[quad] / scale;
        y -= height;
        total += month[quad];
        var seg = document.createElementNS(SVG, "rect");
        seg.setAttribute("class", "seg q-" + quad);
        ["x", "width"].forEach(function (name) { seg.setAttribute(name, hit.getAttribute(name)); });
        seg.setAttribute("y", y.toFixed(2));
        seg.setAttribute("height", height.toFixed(2));
        bar.appendChild(seg);
      });
      var label = bar.getAttribute("aria-label").split(":")[0] + ": " + total +
        " matching event" + (total === 1 ? "" : "s");
      bar.setAttribute("aria-label", label);
      bar.querySelector("title").textContent = label;
      bar.classList.toggle("is-filtered-out", total === 0);
    });
  }

  // Key developments among the matching events: from the index, the most important ones; on a
  // page of cards, those of the page's list that match.
  function showKeys(hits) {
    if (!keyList) { return; }
    keyList.innerHTML = keysAsBuilt;
    if (hits === null) { keyList.closest("section").hidden = false; return; }
    if (indexUrl) {
      var keys = hits.filter(function (r) { return r.key > 0; }).sort(function (a, b) {
        return b.key - a.key || a.position - b.position;
      }).slice(0, keyCount).sort(function (a, b) { return a.position - b.position; });
      keyList.textContent = "";
      keys.forEach(function (record) { keyList.appendChild(resultItem(record)); });
    } else {
      var shown = {};
      hits.forEach(function (r) { shown[r.id] = true; });
      Array.prototype.forEach.call(keyList.children, function (item) {
        item.hidden = !shown[item.dataset.id];
      });
    }
    keyList.closest("section").hidden = !keyList.querySelector("li:not([hidden])");
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (field) { return field.name; });
  }

  function writeUrl() {
    var chosen = wanted();
    var params = new URLSearchParams(window.location.search);
    fields().forEach(function (field) {
      if (chosen[field.name]) { params.set(field.name, chosen[field.name]); } else {
        params.delete(field.name);
      }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, "", address);
    }
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    fields().forEach(function (field) {
      var value = params.get(field.name) || "";
      if (field.tagName === "SELECT" && value && !optionFor(field, value)) {
        // A shared link can name a value the page does not offer: kept, so the view is honest
        // (the filter index names it, or it matches nothing in this listing).
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + (indexUrl && !records ? "" : " (0)");
        if (indexUrl && !records) { option.dataset.pending = "1"; }
        field.appendChild(option);
      }
      field.value = value;
    });
  }

  // Dragging across the chart (with a mouse or a pen: a finger scrolls it) sets From and To.
  function dragToZoom() {
    var from = form.querySelector("[name=from]"), to = form.querySelector("[name=to]");
    if (!chart || !from || !to) { return; }
    var hint = document.querySelector("[data-zoom-hint]");
    if (hint) { hint.hidden = false; }
    var start = null, box = null, moved = false;
    function userX(event) {
      var point = chart.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(chart.getScreenCTM().inverse()).x;
    }
    function monthAt(x) {
      var best = null, distance = Infinity;
      Array.prototype.forEach.call(chart.querySelectorAll("a.bar"), function (bar) {
        var hit = bar.querySelector(".bar-hit");
        var middle = Number(hit.getAttribute("x")) + Number(hit.getAttribute("width")) / 2;
        if (Math.abs(middle - x) < distance) { distance = Math.abs(middle - x); best = bar; }
      });
      return best ? best.dataset.month : "";
    }
    chart.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch" || event.button !== 0 ||
          event.target.closest(".key-marker")) { return; }
      start = userX(event);
      moved = false;
    });
    chart.addEventListener("pointermove", function (event) {
      if (start === null) { return; }
      var x = userX(event);
      if (!moved && Math.abs(x - start) < 8) { return; }
      moved = true;
      if (!box) {
        box = document.createElementNS(SVG, "rect");
        box.setAttribute("class", "chart-selection");
        box.setAttribute("y", chart.dataset.top);
        box.setAttribute("height", Number(chart.dataset.base) - Number(chart.dataset.top));
        chart.appendChild(box);
      }
      box.setAttribute("x", Math.min(x, start));
      box.setAttribute("width", Math.abs(x - start));
    });
    window.addEventListener("pointerup", function (event) {
      if (start === null) { return; }
      var first = monthAt(Math.min(start, userX(event)));
      var last = monthAt(Math.max(start, userX(event)));
      start = null;
      if (box) { box.remove(); box = null; }
      if (!moved || !first) { return; }
      // the click that ends a drag is not a click on a bar
      chart.addEventListener("click", function (click) { click.preventDefault(); },
                             {capture: true, once: true});
      from.value = first;
      to.value = last;
      writeUrl();
      apply();
    });
  }

  form.hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll(".no-js-only"), function (el) {
    el.hidden = !(partial && el.matches(".filter-links"));
  });
  form.addEventListener("change", function () { writeUrl(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { writeUrl(); apply(); }, 0);
  });
  window.addEventListener("popstate", function () { readUrl(); apply(); });
  dragToZoom();
  readUrl();
  apply();
})();
