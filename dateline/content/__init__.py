"""Content loading: content files, front matter, schema, clipped pages, scaffold."""
