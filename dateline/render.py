"""The render stage: Timeline → ``{site-relative path: bytes}``, nothing written.

Each page is a template plus a plain-data context.  A page's fingerprint is the hash of both (with
every template it includes or extends), so an incremental build re-renders only the pages whose
inputs changed; the rest reuse the bytes from the previous build.
"""

from __future__ import annotations

import hashlib
import pickle
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from dateline import exports, views
from dateline.config import Settings
from dateline.markup import Highlight, highlighted_html
from dateline.models import Document, Problem, Timeline


@dataclass(frozen=True)
class Page:
    template: str
    context: dict[str, Any]


@dataclass
class RenderMemo:
    """Pages of the previous build, kept by the incremental builder between rebuilds."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    rendered: int = 0


class TemplateProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def environment(settings: Settings) -> jinja2.Environment:
    """Autoescaping, StrictUndefined, templates from the site's theme folder."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(settings.templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base = settings.base_path

    def url(path: str = "") -> str:
        """Site URL of a site-relative path, under the base path (never string-joined '/')."""
        return posixpath.join(base, path.lstrip("/")) if path else base

    def absolute(path: str = "") -> str:
        return settings.site_origin + url(path)

    env.globals.update(url=url, absolute_url=absolute, site=_site(settings))
    return env


def _site(settings: Settings) -> dict[str, Any]:
    return {"title": settings.title, "description": settings.description,
            "language": settings.language, "base_url": settings.base_url,
            "author": settings.author}


def template_fingerprints(env: jinja2.Environment) -> dict[str, str]:
    """Hash of each template together with every template it extends, includes or imports."""
    assert env.loader is not None
    names = env.loader.list_templates()
    own: dict[str, str] = {}
    refs: dict[str, set[str]] = {}
    for name in names:
        source, _, _ = env.loader.get_source(env, name)
        own[name] = hashlib.sha256(source.encode()).hexdigest()
        try:
            refs[name] = {r for r in meta.find_referenced_templates(env.parse(source)) if r}
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(_template_problem(exc, name)) from exc
    result = {}
    for name in names:
        seen, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current in seen or current not in own:
                continue
            seen.add(current)
            stack.extend(refs.get(current, ()))
        result[name] = hashlib.sha256("".join(own[n] for n in sorted(seen)).encode()).hexdigest()
    return result


def _template_problem(exc: jinja2.TemplateSyntaxError, name: str) -> Problem:
    return Problem(f"templates/{exc.name or name}", exc.lineno or 1, 1, "error",
                   f"template syntax error: {exc.message}", "fix the Jinja syntax on that line")


def plan_pages(timeline: Timeline, settings: Settings, gazetteer: Any,
               build_time: str) -> tuple[dict[str, Page], list[dict[str, Any]]]:
    """Every HTML/XML page of the site as template + context, and the event views (pure)."""
    documents = {d.path: d for d in timeline.documents}
    event_views = [views.event_view(e, documents, gazetteer) for e in timeline.events]
    periods = views.group_by_period(event_views)
    tags = views.tag_index(event_views)
    common = {"build_time": build_time, "years": [(p["year"], p["path"]) for p in periods]}
    pages = {"index.html": Page("index.html", {**common, "periods": periods,
                                               "count": len(event_views)})}
    for period in periods:
        pages[period["path"] + "index.html"] = Page("year.html", {**common, "period": period})
    for view in event_views:
        pages[view["path"] + "index.html"] = Page("event.html", {**common, "event": view})
    for name, tagged in tags.items():
        pages[views.tag_path(name) + "index.html"] = Page(
            "tag.html", {**common, "tag": name, "events": tagged})
    pages["tags/index.html"] = Page("tags.html", {**common, "tags": [
        {"name": n, "path": views.tag_path(n), "count": len(v)} for n, v in tags.items()]})
    cited = _events_by_source(event_views)
    for document in timeline.documents:
        pages[views.source_path(document) + "index.html"] = Page("source.html", {
            **common, **_source_context(document, timeline, cited.get(document.path, []),
                                        settings.base_path)})
    pages["sources/index.html"] = Page("sources.html", {**common, "sources": [
        {"title": d.title, "path": views.source_path(d), "kind": d.kind, "published": d.published,
         "publisher": d.publisher} for d in timeline.documents]})
    pages["404.html"] = Page("404.html", common)
    pages["feed.xml"] = Page("feed.xml", {**common, "events": exports.latest(
        event_views, settings.feed_size)})
    return pages, event_views


def _events_by_source(event_views: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    cited: dict[str, list[dict[str, Any]]] = {}
    for view in event_views:
        for source in view["sources"]:
            cited.setdefault(source["path"], []).append({**view, "cited_line": source["line"]})
    return cited


def _source_context(document: Document, timeline: Timeline, cited: list[dict[str, Any]],
                    base_path: str) -> dict[str, Any]:
    extraction = timeline.extractions.get(document.path)
    spans = [Highlight(t.start, t.end, "timex", t.value) for t in
             (extraction.timexes if extraction else ())]
    for event in timeline.events:
        for source in event.sources:
            if source.path == document.path and source.end > source.start:
                spans.append(Highlight(source.start, source.end, "event", event.summary,
                                       f"s{source.start}",
                                       posixpath.join(base_path, views.event_path(event.id))))
    return {"document": {
        "title": document.title, "kind": document.kind, "path": document.path,
        "published": document.published, "publisher": document.publisher, "url": document.url,
        "author": document.author, "anchor": extraction.anchor if extraction else "",
        "tags": [{"name": t, "path": views.tag_path(t)} for t in document.tags],
        "html": highlighted_html(document.body, spans),
    }, "events": cited}


def render_pages(env: jinja2.Environment, pages: dict[str, Page], memo: RenderMemo | None = None
                 ) -> Iterator[tuple[str, bytes]]:
    """Rendered bytes per page; pages whose fingerprint is unchanged come from ``memo``."""
    fingerprints = template_fingerprints(env)
    for path in sorted(pages):
        page = pages[path]
        key = hashlib.sha256(fingerprints.get(page.template, "").encode()
                             + pickle.dumps(page.context, protocol=5)).hexdigest()
        if memo is not None and path in memo.pages and memo.pages[path][0] == key:
            yield path, memo.pages[path][1]
            continue
        data = _render_one(env, page, path)
        if memo is not None:
            memo.pages[path] = (key, data)
            memo.rendered += 1
        yield path, data


def _render_one(env: jinja2.Environment, page: Page, path: str) -> bytes:
    try:
        template = env.get_template(page.template)
        text = template.render(page.context, page_path=path)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(_template_problem(exc, page.template)) from exc
    except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError) as exc:
        raise TemplateProblem(Problem(f"templates/{page.template}", _error_line(exc), 1, "error",
                                      f"template error while rendering {path}: {exc}",
                                      "check the variable names the template uses")) from exc
    return text.encode("utf-8")


def _error_line(exc: BaseException) -> int:
    """Line of the template frame in the traceback (Jinja maps it back to the source)."""
    line = 1
    tb = exc.__traceback__
    while tb is not None:
        if re.search(r"templates?", tb.tb_frame.f_code.co_filename):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def static_files(settings: Settings) -> dict[str, Path]:
    """Theme assets copied as they are: ``templates/static/**`` → ``static/**``."""
    root = settings.templates_dir / "static"
    if not root.is_dir():
        return {}
    return {f"static/{p.relative_to(root).as_posix()}": p for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}
