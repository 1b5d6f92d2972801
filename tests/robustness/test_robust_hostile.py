"""Hostile content: payloads in every field and in Markdown never run in a reader's browser.

The payload site is opened with the Content-Security-Policy *bypassed*, so only escaping and the
sanitizer stand between a payload and execution; a second check makes sure every page does carry
the CSP, and that the theme's own scripts run under it on the example site.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, make_project, run_cli

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).parent / "corpus" / "hostile"
SITE_DATA = Path(__file__).parent / "corpus" / "hostile-data"  # the site's data/ folder

# Records what a payload would do if it ran: set a marker, call a dialog, log a keyword.
HOOKS = """
window.__pwned = window.__pwned || 0;
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""

# Everything in the DOM that could run script now or on a click/hover.
AUDIT = """
(root) => {
  const bad = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background',
                    'poster', 'srcset', 'ping', 'cite', 'codebase', 'manifest'];
  const theme = ['/static/', '/pagefind/'];
  for (const el of (root || document).querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${tag}[${name}]`);
      if (name === 'srcdoc' || name === 'formaction') bad.push(`${tag}[${name}]`);
      // Pagefind's own search form: an inert action, and form-action 'self' blocks it anyway.
      if (tag === 'form' && name === 'action' && value === 'javascript:void(0);') continue;
      const risky = /^(javascript|vbscript|livescript|data:(?!image\\/(png|gif|jpe?g|webp)))/;
      if (urlAttrs.includes(name) && risky.test(value))
        bad.push(`${tag}[${name}=${a.value.slice(0, 40)}]`);
      if (name === 'style' && /expression|javascript|url\\(/.test(value)) bad.push(`${tag}[style]`);
    }
    const embedders = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base'];
    if (embedders.includes(tag) || tag === 'portal') bad.push(tag);
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
      bad.push('meta refresh');
    if (tag === 'script') {
      const src = el.getAttribute('src') || '';
      let ok = false;
      try {
        const url = new URL(src, location.href);
        ok = src !== '' && url.origin === location.origin
          && theme.some(p => url.pathname.includes(p));
      } catch (e) { ok = false; }
      if (!ok) bad.push('script ' + (src || el.textContent.slice(0, 40)));
    }
  }
  return bad;
}
"""


def _serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", pyproject=(
        '[tool.dateline]\ntitle = "<script>window.__pwned=1</script>Hostile \\"timeline"\n'
        'description = "<img src=x onerror=window.__pwned=1>"\nbase_url = "/"\n'
        'author = "</title><script>window.__pwned=1</script>"\n'))
    shutil.copytree(CORPUS, root / "content", dirs_exist_ok=True)
    shutil.copytree(SITE_DATA, root / "data")
    _code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    assert "Traceback" not in err
    assert (root / "site" / "index.html").is_file(), err
    url, server = _serve(root / "site")
    yield root, url
    server.shutdown()
    server.server_close()


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_payload_corpus_reaches_every_kind_of_page(hostile_site: tuple[Path, str]) -> None:
    root, _url = hostile_site
    pages = _pages(root / "site")
    for kind in ("events/", "sources/", "tags/", "actors/", "years/"):
        assert any(p.startswith(kind) and p != f"{kind}index.html" for p in pages), kind
    data = json.loads((root / "site" / "timeline.json").read_text("utf-8"))
    summaries = " ".join(e["summary"] for e in data["events"])
    assert "<script>" in summaries and "javascript:" in summaries  # payloads kept as text


def test_no_payload_runs_on_any_page_even_without_csp(browser: Any,
                                                      hostile_site: tuple[Path, str]) -> None:
    root, url = hostile_site
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    context.add_init_script(HOOKS)
    dialogs: list[str] = []
    findings: dict[str, list[str]] = {}
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: dialogs.append(m.text) if "PWNED" in m.text else None)
    pages = _pages(root / "site")
    assert len(pages) >= 15
    for rel in pages:
        page.goto(url + rel, wait_until="load")
        problems = page.evaluate(AUDIT)
        if page.evaluate("window.__pwned") or problems:
            findings[rel] = [f"__pwned={page.evaluate('window.__pwned')}", *problems]
    context.close()
    assert dialogs == []
    assert findings == {}


def test_the_audit_finds_payloads_the_sanitizer_removes(browser: Any) -> None:
    """The DOM audit can fail: unsanitized Markdown of the payload note trips it many times."""
    import markdown

    from dateline.site import markup

    text = (CORPUS / "notes" / "markdown-payload.md").read_text("utf-8").split("---\n", 2)[2]
    page = browser.new_page()
    page.set_content("<p>empty</p>")
    raw = page.evaluate(f"(html) => {{ const d = document.createElement('div'); "
                        f"d.innerHTML = html; return ({AUDIT})(d); }}", markdown.markdown(text))
    clean = page.evaluate(f"(html) => {{ const d = document.createElement('div'); "
                          f"d.innerHTML = html; return ({AUDIT})(d); }}", markup.to_html(text))
    page.close()
    assert len(raw) >= 15
    assert clean == []


def test_payload_text_is_shown_escaped_not_dropped(browser: Any,
                                                   hostile_site: tuple[Path, str]) -> None:
    _root, url = hostile_site
    page = browser.new_page()
    page.goto(url + "events/title-payload/")
    heading = page.locator("h1").inner_text()
    assert heading == "<script>window.__pwned=1</script> Summit {{ 7*7 }} {% raw %}"
    page.close()


# --- The search page: static/search.js over Pagefind's index of the payload corpus ----------

# Tags the search page never makes itself (results are a heading, a link, two paragraphs and
# <mark>s): any of them under the search came from content.
FOREIGN_TAGS = ("img, svg, script, iframe, math, mi, b, i, object, embed, style, template, "
                "video, audio, link, meta, base")

# Every filter: its name, and each value's label as the reader sees it.
FILTER_PANEL = """
() => [...document.querySelectorAll('[data-search] select[data-facet]')].map(select => ({
  name: select.labels[0].innerText.trim(),
  labels: [...select.options].slice(1).map(option => ({
    text: option.textContent, elements: option.children.length,
  })),
}))
"""

HOSTILE_LABELS = [  # (filter, value as written in the content): readers must see exactly this
    ("Actor", "<img src=x onerror=window.__pwned=1>"),
    ("Actor", '"><svg onload=window.__pwned=1>'),
    ("Actor", '<math><mi xlink:href="javascript:window.__pwned=1">x</mi></math>'),
    ("Actor", "<img src=x onerror=window.__pwned=1>North Korea"),  # from data/actors.yaml
    ("Type", "<b onclick=window.__pwned=1>042</b>"),  # an editor's own words, as written
    ("Kind", "Editor's note"),
]


def _label_shown(panel: list[dict[str, Any]], group: str, value: str) -> bool:
    pattern = re.compile(re.escape(value) + r" \(\d+\)")
    return any(block["name"] == group and pattern.fullmatch(label["text"])
               for block in panel for label in block["labels"])


def _filter_panel(page: Any) -> list[dict[str, Any]]:
    """The filters once the page has filled them from the index; fails (never skips) when a
    group stays empty."""
    groups = json.dumps(sorted({group for group, _value in HOSTILE_LABELS}))
    page.wait_for_function(f"""() => {{
        const panel = ({FILTER_PANEL})();
        return {groups}.every(g => panel.some(b => b.name === g && b.labels.length > 0));
    }}""", timeout=60000)
    panel: list[dict[str, Any]] = page.evaluate(FILTER_PANEL)
    return panel


def test_search_results_and_filters_show_payloads_as_text(browser: Any,
                                                          hostile_site: tuple[Path, str]) -> None:
    """Titles, snippets and filter values come from the index: a payload must arrive as text."""
    root, url = hostile_site
    assert (root / "site" / "pagefind" / "pagefind.js").is_file(), "no search index was built"
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 2400})
    context.add_init_script(HOOKS)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "search/", wait_until="load")
    field = page.locator("[data-search] input[name=q]")
    field.wait_for(state="visible", timeout=30000)
    field.press_sequentially("summit")
    page.wait_for_selector(".search-result .result-title a", timeout=60000)
    while page.locator("[data-more]").is_visible():
        page.click("[data-more]")
    panel = _filter_panel(page)
    titles = page.locator(".search-result .result-title a").all_inner_texts()
    snippet_tags = page.evaluate("""() => [...document.querySelectorAll(
        '.search-result .result-snippet *')].map(e => e.tagName.toLowerCase())""")
    foreign = page.evaluate(f"""() => [...document.querySelectorAll(
        '[data-search] :is({FOREIGN_TAGS})')].map(e => e.outerHTML.slice(0, 80))""")
    audit, pwned = page.evaluate(AUDIT), page.evaluate("window.__pwned")
    context.close()
    assert {block["name"] for block in panel} >= {"Actor", "Type", "Year", "Kind"}
    assert foreign == []
    assert audit == [] and pwned == 0 and dialogs == []
    assert [label for block in panel for label in block["labels"] if label["elements"]] == []
    assert snippet_tags and set(snippet_tags) <= {"mark"}
    assert [(g, v) for g, v in HOSTILE_LABELS if not _label_shown(panel, g, v)] == []
    assert "<script>window.__pwned=1</script> Summit {{ 7*7 }} {% raw %}" in titles
    assert '<img src=x onerror=window.__pwned=1> Facets summit & "quotes" &lt;b&gt;' in titles


def _csp_of(html_text: str) -> dict[str, list[str]]:
    head = html_text.split("</head>", 1)[0]
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
    assert len(found) == 1
    assert head.index("Content-Security-Policy") < head.find("<script") or "<script" not in head
    return {d.split()[0]: d.split()[1:] for d in found[0].split(";") if d.strip()}


def test_every_page_carries_the_content_security_policy(hostile_site: tuple[Path, str]) -> None:
    root, _url = hostile_site
    pages = _pages(root / "site")
    for rel in pages:
        policy = _csp_of((root / "site" / rel).read_text("utf-8"))
        assert policy["default-src"] == ["'self'"], rel
        # Pagefind's search page may add WebAssembly, never inline script or eval.
        assert policy["script-src"] in (["'self'"], ["'self'", "'wasm-unsafe-eval'"]), rel
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], rel
        assert policy["style-src"] == ["'self'"], rel
        assert policy["form-action"] == ["'self'"], rel
        assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy), rel
    assert sum(_csp_of((root / "site" / r).read_text("utf-8"))["script-src"] == ["'self'"]
               for r in pages) >= len(pages) - 1  # only the search page differs


def test_html_in_data_exports_is_inert(browser: Any, hostile_site: tuple[Path, str]) -> None:
    """TimelineJS puts headline, text and group into innerHTML; the feed's text must be text."""
    root, _url = hostile_site
    site = root / "site"
    slides = json.loads((site / "timelinejs.json").read_text("utf-8"))
    fragments = [slides["title"]["text"]["headline"], slides["title"]["text"]["text"]]
    for slide in slides["events"]:
        fragments += [slide["text"]["headline"], slide["text"]["text"],
                      slide.get("group", ""), slide["display_date"]]
    page = browser.new_page()
    page.set_content("<div id=box></div>")
    found = page.evaluate(
        "([frags, audit]) => frags.flatMap(f => { const d = document.createElement('div');"
        " d.innerHTML = f; return eval(audit)(d).map(x => x + ' in ' + f.slice(0, 60)); })",
        [fragments, AUDIT])
    page.close()
    assert found == []
    feed = ET.parse(site / "feed.xml").getroot()
    for element in feed.iter():
        assert element.get("type") not in ("html", "xhtml"), element.tag


def test_csv_cells_cannot_start_a_spreadsheet_formula(hostile_site: tuple[Path, str]) -> None:
    import csv
    import io

    root, _url = hostile_site
    text = (root / "site" / "events.csv").read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)  # the payload is there...
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not c[:1].isdigit() and c not in ("-",)] == []  # ...but never as a formula


# --- CSP on the example site --------------------------------------------------------------

@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "templates", "pyproject.toml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    url, server = _serve(root / "site")
    yield root, url
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_theme_scripts_run_under_the_csp_without_violations(browser: Any,
                                                           example_site: tuple[Path, str]
                                                           ) -> None:
    root, url = example_site
    context = browser.new_context()
    context.add_init_script(HOOKS)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    ran_scripts = 0
    for rel in _pages(root / "site"):
        page.goto(url + rel, wait_until="load")
        assert page.evaluate("window.__csp") == [], rel
        ran_scripts += page.evaluate(
            "document.querySelector('script[src]') ? 1 : 0")
    context.close()
    assert ran_scripts > 0
    assert [m for m in messages if "Content Security Policy" in m] == []


def test_filters_script_enhances_the_index_under_the_csp(browser: Any,
                                                        example_site: tuple[Path, str]) -> None:
    _root, url = example_site
    page = browser.new_page()
    page.goto(url, wait_until="load")
    assert page.locator("[data-filters]").count() == 1, "the index lost its filter form"
    page.wait_for_function("!document.querySelector('[data-filters] form').hidden")
    assert page.locator("[data-filters] form").is_visible()
    page.close()
