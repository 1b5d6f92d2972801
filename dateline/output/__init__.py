"""Output: the writer, the search index, the data exports."""
