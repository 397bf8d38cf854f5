"""A batched replacement for the forward pass of spaCy's ``extract_ngrams`` layer (the bag-of-ngrams
textcat's first layer), used at prediction time.

spaCy's forward calls ``numpy.unique`` once per doc; this one sorts the n-gram keys of the whole
batch in one ``numpy.lexsort`` by (doc, key) and counts the runs. It returns the same arrays (keys in
ascending order within each doc, their counts as float32, and the number of distinct keys per doc),
so the textcat's scores are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from thinc.api import Model

NAME = "extract_ngrams"


def batched_forward(model: "Model", docs, is_train: bool):
    ops = model.ops
    attr, size = model.attrs["attr"], model.attrs["ngram_size"]
    per_doc = []
    for doc in docs:
        unigrams = ops.asarray(doc.to_array([attr]))
        per_doc.append(numpy.concatenate([unigrams] + [ops.ngrams(n, unigrams) for n in range(2, size + 1)]))
    keys = numpy.concatenate(per_doc) if per_doc else numpy.zeros(0, dtype="uint64")
    owner = numpy.repeat(numpy.arange(len(per_doc)), [len(k) for k in per_doc])
    order = numpy.lexsort((keys, owner))
    keys, owner = keys[order], owner[order]
    first = numpy.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
    starts = numpy.flatnonzero(first)
    counts = numpy.diff(numpy.append(starts, len(keys)))
    lengths = numpy.bincount(owner[starts], minlength=len(per_doc)).astype("int32")

    def backprop(dY):
        return []

    return (keys[starts], ops.asarray(counts, dtype="f"), ops.asarray(lengths, dtype="int32")), backprop


def use_batched_ngrams(model: "Model") -> None:
    """Swap the forward of every ``extract_ngrams`` layer in ``model`` (a loaded, trained model on CPU)."""
    for node in model.walk():
        if node.name == NAME:
            node._func = batched_forward
