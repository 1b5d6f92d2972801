"""Public addresses of site paths, shared by every export."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit

from dateline.config import Settings
from dateline.site.views import SourceView

FALLBACK_HOST = "dateline.invalid"  # RFC 2606: never resolves, so no clash with a real host


def site_url(settings: Settings, path: str) -> str:
    """Public URL of a site-relative path: absolute when the base URL names a host.

    Letters outside ASCII (``tags/日本/``) are percent-encoded as UTF-8: a sitemap's ``<loc>``
    and an iCalendar URI must be URIs; characters a URI may hold are left as they are.  A
    fragment (``sources/x/#s120``, the sentence an event was read from) stays a fragment.
    """
    page, hash_sign, fragment = path.partition("#")
    return settings.site_origin + posixpath.join(settings.base_path, quote(page, safe=_SAFE)) \
        + hash_sign + quote(fragment, safe=_SAFE)


_SAFE = "/-._~!$&'()*+,;=:@%"


def site_host(settings: Settings) -> str:
    """Host of the site: from an absolute base URL, else the custom domain, else a placeholder."""
    return urlsplit(settings.base_url).hostname or settings.cname.strip().lower() or FALLBACK_HOST


def link_url(settings: Settings, source: SourceView) -> str:
    """Where a source view points a reader: the original story, else its page on this site."""
    if source.url:
        return source.url
    return site_url(settings, source.page) if source.page else ""
