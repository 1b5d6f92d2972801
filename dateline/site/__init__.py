"""The site: page plan, views, chart, Markdown, templates' environment, labels."""
