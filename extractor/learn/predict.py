"""Scores of a trained textcat for many texts, as one array: what ``nlp.pipe`` then ``doc.cats`` give,
without building a dict of scores on every doc, and with the batched n-gram layer
(:mod:`extractor.learn.ngrams`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

from .ngrams import use_batched_ngrams

if TYPE_CHECKING:
    from spacy.language import Language


def textcat_scores(nlp: "Language", texts: list[str], batch_size: int) -> tuple[tuple[str, ...], numpy.ndarray]:
    """(labels, scores): row i holds the score of every label for ``texts[i]`` (float32, label order)."""
    textcat = nlp.get_pipe("textcat")
    if not getattr(textcat, "_batched_ngrams", False):
        use_batched_ngrams(textcat.model)
        textcat._batched_ngrams = True
    tokenizer = nlp.tokenizer
    rows = [numpy.asarray(textcat.predict([tokenizer(text) for text in texts[i:i + batch_size]]))
            for i in range(0, len(texts), batch_size)]
    labels = tuple(textcat.labels)
    return labels, numpy.concatenate(rows) if rows else numpy.zeros((0, len(labels)), dtype="f")
