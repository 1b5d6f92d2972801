"""The build pipeline: options, gather, extract, cache, assemble, manifest, full and incremental
builds, workers."""
