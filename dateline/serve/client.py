"""The browser side of live reload: a small script, and the tag that loads it.

The script is served from ``/__dateline/reload.js`` (same origin), so a page
whose Content-Security-Policy allows ``script-src 'self'`` runs it; no inline
script or style attribute is used (styles are set through the CSSOM, which CSP
does not block).  The tag is added to HTML responses only, never to site/.
"""

from __future__ import annotations

import re

PREFIX = "/__dateline/"
SCRIPT_PATH = PREFIX + "reload.js"
EVENTS_PATH = PREFIX + "events"
STATUS_PATH = PREFIX + "status.json"
BUSY_RETRY_SECONDS = 5  # a refused event stream's Retry-After, which the script waits too

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

RELOAD_JS = r"""// Dateline live preview: reload on successful rebuilds, show build errors.
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = Number(me && me.dataset.generation || 0);
  var scrollKey = "dateline:scroll:" + location.pathname;
  var OVERLAY_ID = "dateline-build-errors";
  var BUSY_RETRY_MS = __BUSY_RETRY_MS__;

  function restoreScroll() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null"); } catch (e) {}
    // Back and Forward are the browser's again once our own restore is done
    if ("scrollRestoration" in history) history.scrollRestoration = "auto";
    if (!saved) return;
    sessionStorage.removeItem(scrollKey);
    window.scrollTo(saved[0], saved[1]);
  }

  function reload() {
    try { sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY])); }
    catch (e) {}
    // Our own restore (not the browser's) for a live reload, so the position survives content
    // changes; only for this reload, since "manual" on an entry also stops the restore on Back.
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    location.reload();
  }

  function setStyle(el, css) {
    for (var key in css) el.style.setProperty(key, css[key]);
  }

  function where(p) {
    var at = p.path;
    if (p.line) at += ":" + p.line + (p.col ? ":" + p.col : "");
    return at;
  }

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function problemItem(p) {
    var li = document.createElement("li");
    setStyle(li, {"margin": "0 0 .8em 0"});
    var loc = document.createElement("code");
    loc.className = "dateline-problem-location";
    loc.textContent = where(p);
    setStyle(loc, {"font-weight": "bold", "color": "#ffb4b4"});
    var msg = document.createElement("div");
    msg.className = "dateline-problem-message";
    msg.textContent = p.severity + ": " + p.message;
    li.appendChild(loc);
    li.appendChild(msg);
    if (p.hint) {
      var hint = document.createElement("div");
      hint.textContent = "hint: " + p.hint;
      setStyle(hint, {"opacity": "0.8"});
      li.appendChild(hint);
    }
    return li;
  }

  function showOverlay(problems) {
    hideOverlay();
    var box = document.createElement("section");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    setStyle(box, {
      "position": "fixed", "left": "0", "right": "0", "bottom": "0", "max-height": "60vh",
      "overflow": "auto", "z-index": "2147483647", "margin": "0", "padding": "1em 1.5em",
      "background": "#2b0b0b", "color": "#fff", "font": "14px/1.5 ui-monospace, monospace",
      "border-top": "4px solid #e5484d", "box-shadow": "0 -4px 16px rgba(0,0,0,.4)"
    });
    var title = document.createElement("h2");
    title.id = OVERLAY_ID + "-title";
    title.textContent = "Build failed \u2014 showing the last good version";
    setStyle(title, {"font-size": "16px", "margin": "0 0 .6em 0", "color": "#fff"});
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.addEventListener("click", hideOverlay);
    setStyle(close, {"float": "right", "font": "inherit"});
    var list = document.createElement("ul");
    setStyle(list, {"list-style": "none", "margin": "0", "padding": "0"});
    problems.forEach(function (p) { list.appendChild(problemItem(p)); });
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  function onStatus(event) {
    var status = JSON.parse(event.data);
    if (!status.ok) {
      showOverlay(status.problems.filter(function (p) { return p.severity === "error"; })
        .concat(status.problems.filter(function (p) { return p.severity !== "error"; })));
      return;
    }
    hideOverlay();
    if (status.generation === generation) return;
    // The very next build, and it did not touch this page: nothing to reload.  (After a missed
    // status, or when stylesheets or scripts changed, "pages" cannot tell: reload.)
    if (status.pages && status.generation === generation + 1 &&
        status.pages.indexOf(here()) < 0) {
      generation = status.generation;
      return;
    }
    reload();
  }

  function here() {
    var path = location.pathname;
    return /\/index\.html$/.test(path) ? path.slice(0, -10) : path;
  }

  function connect() {
    var source = new EventSource(me && me.dataset.events || "/__dateline/events");
    source.addEventListener("status", onStatus);
    // Visible state for people and tests: "live" while connected to the server.
    var root = document.documentElement;
    source.addEventListener("open", function () { root.dataset.dateline = "live"; });
    source.addEventListener("error", function () {
      root.dataset.dateline = "offline";
      // A refused stream (503: the server has as many open as it allows) is closed for good,
      // where a lost connection is retried by the browser: try again after the Retry-After.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, BUSY_RETRY_MS);
      }
    });
  }

  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);
  if (document.body) connect();
  else document.addEventListener("DOMContentLoaded", connect);
})();
""".replace("__BUSY_RETRY_MS__", str(BUSY_RETRY_SECONDS * 1000))


def reload_tag(generation: int) -> bytes:
    """The ``<script>`` tag that loads the reload client for a page built at ``generation``."""
    return (
        f'<script src="{SCRIPT_PATH}" data-generation="{generation}" '
        f'data-events="{EVENTS_PATH}" defer></script>'
    ).encode()


def inject_reload(html: bytes, generation: int) -> bytes:
    """``html`` with the reload tag before the last ``</body>`` (appended if there is none)."""
    tag = reload_tag(generation)
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]
