"""Learned parts of the pipeline, trained from real annotated text (``extractor train ...``)."""
