/* Dateline search page: a form over Pagefind's index (pagefind/pagefind.js, built with the site).
   Each result reads as its title, its date (with what it is: event, article, editor's note) and
   a snippet. The query, the filters and the order live in the address: typing updates it with
   replaceState, a change of filter or order is a history entry, and an address with ?q= (or a
   filter) runs its search on load. Paths come from data attributes, so the site works under
   any base path. Nothing from the index is inserted as HTML: text is set as text, and the
   snippet's <mark>s are rebuilt one by one. */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  var fallback = document.querySelector("[data-search-fallback]");
  if (!root) { return; }
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var sortSelect = form.querySelector("select[name=sort]");
  var facets = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var status = root.querySelector(".search-status");
  var list = root.querySelector("[data-results]");
  var more = root.querySelector("[data-more]");
  var PAGE = 10;
  var pagefind = null;
  var found = [];  // the current search's results, their data loaded PAGE at a time
  var shown = 0;
  var latest = 0;  // number of the newest search: an older one finishing late is dropped
  var typing = null;

  // Pagefind keeps a filter value escaped once (search.filter_value): read it as text.
  function decoded(value) {
    return new DOMParser().parseFromString(value, "text/html").documentElement.textContent;
  }

  function state() {
    var chosen = {q: input.value.trim(), sort: sortSelect.value, filters: {}};
    facets.forEach(function (select) {
      if (select.value) { chosen.filters[select.name] = select.value; }
    });
    return chosen;
  }

  function address(chosen) {
    var query = new URLSearchParams();
    if (chosen.q) { query.set("q", chosen.q); }
    Object.keys(chosen.filters).forEach(function (name) { query.set(name, chosen.filters[name]); });
    if (chosen.sort) { query.set("sort", chosen.sort); }
    var text = query.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function readAddress() {
    var query = new URLSearchParams(window.location.search);
    input.value = query.get("q") || "";
    sortSelect.value = ["newest", "oldest"].indexOf(query.get("sort")) >= 0 ? query.get("sort") : "";
    facets.forEach(function (select) {
      var value = query.get(select.name) || "";
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.appendChild(new Option(decoded(value) + " (0)", value));  // a shared link's value
      }
      select.value = value;
    });
  }

  function fillFacets(available) {
    facets.forEach(function (select) {
      var counts = available[select.dataset.facet] || {};
      var values = Object.keys(counts).sort(function (a, b) {
        return select.dataset.facet === "year" ? b.localeCompare(a) : counts[b] - counts[a] || a.localeCompare(b);
      });
      values.forEach(function (value) {
        select.appendChild(new Option(decoded(value) + " (" + counts[value] + ")", value));
      });
      select.closest(".field").hidden = values.length === 0;
    });
  }

  function snippet(excerpt) {
    var paragraph = document.createElement("p");
    paragraph.className = "result-snippet";
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    Array.prototype.forEach.call(parsed.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "result-title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.appendChild(link);
    var when = document.createElement("p");
    when.className = "result-date";
    var kind = (data.filters && data.filters.kind && data.filters.kind[0]) || "";
    when.textContent = [decoded(kind), data.meta.date || ""].filter(Boolean).join(" · ");
    item.appendChild(heading);
    if (when.textContent) { item.appendChild(when); }
    item.appendChild(snippet(data.excerpt || ""));
    return item;
  }

  function showMore(number) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= found.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (all) {
      if (number !== latest) { return; }
      all.forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }

  function run() {
    var chosen = state();
    var number = ++latest;
    var filtered = Object.keys(chosen.filters).length > 0;
    if (!chosen.q && !filtered) {
      found = []; shown = 0; list.textContent = ""; more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    var options = {filters: chosen.filters};
    if (chosen.sort) { options.sort = {date: chosen.sort === "newest" ? "desc" : "asc"}; }
    return pagefind.search(chosen.q || null, options).then(function (search) {
      if (number !== latest) { return; }
      found = search.results; shown = 0; list.textContent = "";
      var words = chosen.q ? " for “" + chosen.q + "”" : "";
      status.textContent = found.length + " result" + (found.length === 1 ? "" : "s") + words +
        (chosen.sort ? (chosen.sort === "newest" ? ", newest first" : ", oldest first") : "") + ".";
      return showMore(number);
    });
  }

  function start(module) {
    pagefind = module;
    return Promise.resolve(pagefind.options({baseUrl: root.dataset.base}))
      .then(function () { return pagefind.filters(); })
      .then(function (available) {
        fillFacets(available);
        readAddress();
        root.hidden = false;
        if (fallback) { fallback.hidden = true; }
        return run();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.history.replaceState(null, "", address(state()));
    run();
  });
  input.addEventListener("input", function () {
    window.history.replaceState(null, "", address(state()));
    window.clearTimeout(typing);
    typing = window.setTimeout(run, 200);
  });
  form.addEventListener("change", function (event) {
    if (event.target === input) { return; }
    window.history.pushState(null, "", address(state()));
    run();
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(latest).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) { link.focus(); }
    });
  });
  window.addEventListener("popstate", function () { readAddress(); run(); });
  import(root.dataset.bundle + "pagefind.js").then(start).then(function () {
    if (!input.value) { input.focus(); }
  }, function (error) {
    root.hidden = true;
    if (fallback) { fallback.hidden = false; }
    throw error;
  });
})();
