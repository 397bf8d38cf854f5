"""The batched n-gram layer gives the arrays spaCy's own ``extract_ngrams`` forward gives."""

import spacy
from spacy.ml.extract_ngrams import extract_ngrams, forward

from extractor.learn.ngrams import batched_forward


def test_batched_ngrams_match_spacy():
    nlp = spacy.blank("en")
    docs = [nlp(text) for text in ("the drug reduced the pain", "x", "a a a b a a", "pain pain and more pain.")]
    layer = extract_ngrams(3)
    for size in (1, 2, len(docs)):
        for i in range(0, len(docs), size):
            expected, _ = forward(layer, docs[i:i + size], False)
            got, _ = batched_forward(layer, docs[i:i + size], False)
            for a, b in zip(expected, got):
                assert a.dtype == b.dtype and a.tolist() == b.tolist()
