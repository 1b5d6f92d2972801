"""Live preview: serve the built site, rebuild on change, reload the browser.

``serve()`` is what ``dateline serve`` calls; ``DevServer`` is the same thing
as an object tests can start on port 0.  The server knows nothing about
content: it calls a ``Builder`` and shows its ``BuildReport``.
"""

from dateline.serve.classify import classify, is_ignored_name
from dateline.serve.server import Builder, DevServer, serve

__all__ = ["Builder", "DevServer", "classify", "is_ignored_name", "serve"]
