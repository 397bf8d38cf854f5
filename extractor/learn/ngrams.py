"""A batched replacement for the forward pass of spaCy's ``extract_ngrams`` layer (the bag-of-ngrams
textcat's first layer), used at prediction time.

spaCy's forward calls ``numpy.unique`` once per doc; this one takes the unigram keys of the whole batch
as one array, makes each n-gram order in one call over it (dropping the n-grams that would cross from one
doc into the next), sorts all keys by key and then stably by doc (a radix sort of small doc numbers, about
half the time of ``numpy.lexsort`` on both) and counts the runs. It returns
the same arrays (keys in ascending order within each doc, their counts as float32, and the number of
distinct keys per doc), so the textcat's scores are unchanged.
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
    arrays = [numpy.asarray(doc.to_array([attr]), dtype="uint64") for doc in docs]
    lengths_in = [len(array) for array in arrays]
    unigrams = numpy.concatenate(arrays) if arrays else numpy.zeros(0, dtype="uint64")
    count = len(lengths_in)
    # doc numbers as int16 where they fit: numpy's stable sort of int16 is a radix sort
    owner = numpy.repeat(numpy.arange(count, dtype="int16" if count < 32768 else "int64"), lengths_in)
    key_parts, owner_parts = [unigrams], [owner]
    for n in range(2, size + 1):
        if len(unigrams) < n:
            break
        # the n-gram starting at token i stays inside one doc when token i + n - 1 belongs to the same doc
        inside = owner[:len(owner) - n + 1] == owner[n - 1:]
        key_parts.append(ops.ngrams(n, unigrams)[inside])
        owner_parts.append(owner[:len(owner) - n + 1][inside])
    keys = numpy.concatenate(key_parts)
    owner = numpy.concatenate(owner_parts)
    # by key, then (stably) by doc: each doc's keys in ascending order, equal keys adjacent (which of two
    # equal keys comes first does not matter, they are counted as one)
    order = numpy.argsort(keys)
    order = order[numpy.argsort(owner[order], kind="stable")]
    keys, owner = keys[order], owner[order]
    first = numpy.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
    starts = numpy.flatnonzero(first)
    counts = numpy.diff(numpy.append(starts, len(keys)))
    lengths = numpy.bincount(owner[starts], minlength=count).astype("int32")

    def backprop(dY):
        return []

    return (keys[starts], ops.asarray(counts, dtype="f"), ops.asarray(lengths, dtype="int32")), backprop


def use_batched_ngrams(model: "Model") -> None:
    """Swap the forward of every ``extract_ngrams`` layer in ``model`` (a loaded, trained model on CPU)."""
    for node in model.walk():
        if node.name == NAME:
            node._func = batched_forward
