"""The render stage: Timeline → ``{site-relative path: bytes}``, nothing written.

Each page is a template plus a plain-data context.  The dev server keeps both for every page
(``RenderMemo``), with a fingerprint of the template and everything it includes or extends, and
renders a page again only when either changed; the other pages are already on disk.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta
from markupsafe import Markup

from dateline import dates
from dateline.config import Settings
from dateline.models import Problem
from dateline.output.search import filter_value
from dateline.pipeline.memo import IdentityMemo
from dateline.site.views import Deferred, EventView

# A page's template variables: views (``views.py``, ``listings.py``, ``chart.py``), some made
# only when the page is rendered (``views.Deferred``)
Context = dict[str, object]


@dataclass(frozen=True)
class Page:
    template: str  # DATA: no template, the bytes of ``context["data"]`` (a Deferred)
    context: Context


DATA = ""  # the template of a data file planned with the pages (a listing's filter index)


@dataclass
class RenderMemo:
    """What each page was rendered from in the previous build (the dev server keeps this).

    A page is rendered again only when its template (with everything it includes) or its
    context differs.  Contexts are compared by value, which is cheap because unchanged events
    keep the very same view objects from build to build (``memo.Memos``); the bytes themselves
    are on disk already, so they are not kept.
    """

    pages: dict[str, tuple[str, Context]] = field(default_factory=dict)
    rendered: int = 0
    # ``template_fingerprints`` of the environment the pages are rendered with (set with it)
    fingerprints: dict[str, str] = field(default_factory=dict)
    # rendered but not yet on disk: recorded in ``pages`` by ``commit`` once written
    pending: dict[str, tuple[str, Context]] = field(default_factory=dict)

    def commit(self, current: Collection[str] | None = None) -> None:
        """The pending pages are on disk; with ``current``, forget pages no longer planned."""
        self.pages.update(self.pending)
        self.pending.clear()
        if current is not None:
            for gone in set(self.pages) - set(current):
                del self.pages[gone]


def template_sources_key(settings: Settings) -> str:
    """A hash of every template file's name and bytes: equal while no template changed."""
    digest = hashlib.sha256()
    root = settings.templates_dir
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class TemplateProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem

    def __reduce__(self) -> tuple[type[TemplateProblem], tuple[Problem]]:
        return TemplateProblem, (self.problem,)  # raised in a render worker, shown by the parent


@dataclass(frozen=True, slots=True)
class SiteView:
    """``site`` in every template: the settings a theme shows."""

    title: str
    description: str
    language: str
    base_url: str
    author: str


def environment(settings: Settings,
                cards: IdentityMemo[EventView, dict[int, Markup]] | None = None
                ) -> jinja2.Environment:
    """Autoescaping, StrictUndefined, templates from the site's theme folder.

    ``cards``: the environment outlives one build (the dev server), so event cards are kept
    there by the identity of their (never changing) view rather than by event id.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(settings.templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml", "htm"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # An environment lives for one build, or until the dev server sees a template change
        # (it then makes a new one), so no template's mtime is checked on use.
        auto_reload=False,
    )
    base = settings.base_path

    urls: dict[str, str] = {}

    def url(path: str = "") -> str:
        """Site URL of a site-relative path, under the base path (never string-joined '/').

        Memoized: templates ask for the same few thousand URLs hundreds of thousands of times.
        """
        found = urls.get(path)
        if found is None:
            found = urls[path] = posixpath.join(base, path.lstrip("/")) if path else base
        return found

    def absolute(path: str = "") -> str:
        return settings.site_origin + url(path)

    def permanent_id(path: str = "") -> str:
        """Atom ids must be absolute IRIs: the page's URL, or a URN when no host is known."""
        if settings.site_origin:
            return absolute(path)
        return "urn:dateline:" + (settings.cname or "site") + ":" + url(path)

    env.filters["pagefind_value"] = filter_value  # Pagefind keeps filter values escaped once
    env.filters["date_label"] = dates.label  # "2018-12-08" → "8 December 2018"
    env.globals.update(url=url, absolute_url=absolute, site=_site(settings), atom_id=permanent_id,
                       card=_Cards(env, cards), shared_html=_shared_renderer(env))
    return env


def _shared_renderer(env: jinja2.Environment) -> Callable[..., Markup]:
    """``shared_html(name, **values)``: a fragment that is the same on many pages (the footer's
    list of years), rendered once and reused while its values stay the same.

    The last values of each fragment are kept and compared (every page passes the very same
    list, so the comparison stops at the identity check).
    """
    rendered: dict[str, tuple[dict[str, object], Markup]] = {}

    def shared_html(name: str, **values: object) -> Markup:
        kept = rendered.get(name)
        if kept is None or kept[0] != values:
            kept = rendered[name] = (values, Markup(env.get_template(name).render(values)))
        return kept[1]

    return shared_html


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every page template and partial now (those that fail are left as they are).

    Forked render workers then share the compiled code instead of each compiling it again.
    """
    assert env.loader is not None
    for name in env.loader.list_templates():
        if name.startswith("static/") or not name.endswith((".html", ".xml")):
            continue
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError):
            continue  # left to the first page that renders it, as without this step


CARD_TEMPLATE = "partials/event_card.html"
_SHARED_CALL = re.compile(r"""shared_html\(\s*["']([^"']+)["']""")


def _no_levels(_event: EventView) -> dict[int, Markup]:
    return {}


class _Cards:
    """``card(event, level)``: an event's card, rendered once and reused.

    An event appears on its year, month, actor and tag listings; rendering its card once keeps a
    30,000-event build from rendering the same markup seven times over.  In one build the cache
    is by event id; across the dev server's rebuilds (``kept``), by the view object itself:
    views of unchanged events are reused as they are, and never modified.
    """

    def __init__(self, env: jinja2.Environment,
                 kept: IdentityMemo[EventView, dict[int, Markup]] | None = None) -> None:
        self.env, self.kept = env, kept
        self.cache: dict[str, dict[int, Markup]] = {}

    def __call__(self, event: EventView, level: int = 3) -> Markup:
        levels = self.kept.get(event, _no_levels) if self.kept is not None \
            else self.cache.setdefault(event.id, {})
        if level not in levels:
            levels[level] = Markup(self.env.get_template(CARD_TEMPLATE).render(event=event,
                                                                               level=level))
        return levels[level]


def _site(settings: Settings) -> SiteView:
    return SiteView(settings.title, settings.description, settings.language, settings.base_url,
                    settings.author)


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
            if "card(" in source:  # the card() global renders the card partial
                refs[name].add(CARD_TEMPLATE)
            # shared_html("partials/x.html", ...) renders a partial Jinja cannot see referenced
            refs[name].update(_SHARED_CALL.findall(source))
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


def render_pages(env: jinja2.Environment, pages: dict[str, Page], memo: RenderMemo | None = None
                 ) -> Iterator[tuple[str, bytes]]:
    """Rendered bytes of every page in path order; with ``memo``, only the pages whose template
    or context changed since the memo's build (the others are already on disk)."""
    fingerprints = memo.fingerprints if memo is not None else {}
    for path in sorted(pages):
        page = pages[path]
        if memo is None:  # a full build: nothing to compare with
            yield path, _render_one(env, page, path)
            continue
        key = fingerprints.get(page.template, "")
        kept = memo.pages.get(path)
        if kept is not None and kept[0] == key and kept[1] == page.context:
            continue
        data = _render_one(env, page, path)
        memo.pending[path] = (key, page.context)
        memo.rendered += 1
        yield path, data


def _render_one(env: jinja2.Environment, page: Page, path: str) -> bytes:
    if page.template == DATA:
        data = _made(page.context)["data"]
        assert isinstance(data, bytes), path  # plan.py plans only bytes as data
        return data
    try:
        template = env.get_template(page.template)
        text = template.render(_made(page.context), page_path=path)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(_template_problem(exc, page.template)) from exc
    except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError) as exc:
        raise TemplateProblem(Problem(f"templates/{page.template}", _error_line(exc), 1, "error",
                                      f"template error while rendering {path}: {exc}",
                                      "check the variable names the template uses")) from exc
    return text.encode("utf-8")


def _made(context: Context) -> Context:
    """``context`` with each ``Deferred`` value made: templates read the value itself."""
    return {name: value.value if isinstance(value, Deferred) else value
            for name, value in context.items()}


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


def page_shares(pages: Collection[str], size: int) -> list[list[str]]:
    """Page paths in shares of about ``size`` for render workers, in path order, each listing's
    pages (a year with its months, an actor, a tag) kept in one share: they show the same event
    cards, which a worker renders once and reuses."""
    shares: list[list[str]] = [[]]
    group = ""
    for path in sorted(pages):
        parts = path.split("/")
        own = "/".join(parts[:2]) if parts[0] in _LISTINGS and len(parts) > 2 else path
        if own != group and len(shares[-1]) >= size:
            shares.append([])
        shares[-1].append(path)
        group = own
    return [share for share in shares if share]


_LISTINGS = ("years", "actors", "tags")
