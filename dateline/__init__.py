"""Dateline: a folder of news articles and notes in, a static timeline site out."""

__version__ = "0.1.0"
