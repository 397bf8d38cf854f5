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


def test_chunk_orths_match_the_tokenizer():
    """The chunk table gives the ORTH ids the tokenizer gives, special cases and odd spacing included,
    whether a text's chunks were seen before or not."""
    from spacy.attrs import ORTH

    from extractor.learn.predict import ChunkOrths

    tokenizer = spacy.blank("en").tokenizer
    orths = ChunkOrths(tokenizer)
    texts = ["The drug (n = 12) reduced pain, e.g. at rest.", "e.g . the same", "U.S. . A", ":) x :( y", "vs. placebo",
             "a  b", " leading", "trailing ", "line\nbreak", "tab\there", "no\u00a0break", "", "x", "don't stop", "(a)(b)",
             "The drug (n = 12) reduced pain, e.g. at rest."]
    for _ in range(2):
        for text in texts:
            expected = tokenizer(text).to_array([ORTH])
            got = orths(text)
            assert got.dtype == expected.dtype and got.tolist() == expected.tolist(), text
