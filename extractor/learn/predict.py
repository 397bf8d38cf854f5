"""Scores of a trained textcat for many texts, as one array: what ``nlp.pipe`` then ``doc.cats`` give,
without building a dict of scores on every doc, and with the batched n-gram layer
(:mod:`extractor.learn.ngrams`).

Given the pipeline's ``vocab``, the texts are tokenized by a copy of the model's tokenizer (the same
rules, so the same tokens and n-gram keys) that writes to that vocab: a word of a new text then gets
its lexeme once, from the pipeline's own tokenizer, instead of once more in each model's vocab (a
lexeme's attributes are computed in Python, the larger part of the models' cost on new text), and the
models with the same tokenizer rules (roles, claims) share its cache of words already split.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy

from .ngrams import use_batched_ngrams

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.vocab import Vocab

# id(vocab) -> (vocab, {tokenizer settings: tokenizer on that vocab}); the last few pipelines' vocabs
_ON_VOCAB: "OrderedDict[int, tuple[Vocab, dict[tuple, Tokenizer]]]" = OrderedDict()
VOCABS_KEPT = 4


def _settings(tokenizer) -> tuple:
    """What decides how a spaCy tokenizer splits text: its patterns and special cases."""
    def pattern(function):
        return getattr(getattr(function, "__self__", None), "pattern", function)

    return (pattern(tokenizer.prefix_search), pattern(tokenizer.suffix_search), pattern(tokenizer.infix_finditer),
            pattern(tokenizer.token_match), pattern(tokenizer.url_match), tokenizer.faster_heuristics,
            repr(sorted(tokenizer.rules.items())))


def tokenizer_on(vocab: "Vocab", nlp: "Language") -> "Tokenizer":
    """``nlp``'s tokenizer, rebuilt to write to ``vocab`` (once per vocab and tokenizer settings)."""
    from spacy.tokenizer import Tokenizer

    template = nlp.tokenizer
    settings = nlp.__dict__.get("_tokenizer_settings")
    if settings is None:
        settings = nlp.__dict__["_tokenizer_settings"] = _settings(template)
    entry = _ON_VOCAB.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _ON_VOCAB[id(vocab)] = (vocab, {})
        while len(_ON_VOCAB) > VOCABS_KEPT:
            _ON_VOCAB.popitem(last=False)
    tokenizers = entry[1]
    if settings not in tokenizers:
        tokenizers[settings] = Tokenizer(vocab, rules=template.rules, prefix_search=template.prefix_search,
                                         suffix_search=template.suffix_search, infix_finditer=template.infix_finditer,
                                         token_match=template.token_match, url_match=template.url_match,
                                         faster_heuristics=template.faster_heuristics)
    return tokenizers[settings]


def textcat_scores(nlp: "Language", texts: list[str], batch_size: int,
                   vocab: "Vocab | None" = None) -> tuple[tuple[str, ...], numpy.ndarray]:
    """(labels, scores): row i holds the score of every label for ``texts[i]`` (float32, label order).
    ``vocab``: the pipeline's, for the tokens (see the module's docstring); else the model's own."""
    textcat = nlp.get_pipe("textcat")
    if not getattr(textcat, "_batched_ngrams", False):
        use_batched_ngrams(textcat.model)
        textcat._batched_ngrams = True
    tokenizer = nlp.tokenizer if vocab is None else tokenizer_on(vocab, nlp)
    rows = [numpy.asarray(textcat.predict([tokenizer(text) for text in texts[i:i + batch_size]]))
            for i in range(0, len(texts), batch_size)]
    labels = tuple(textcat.labels)
    return labels, numpy.concatenate(rows) if rows else numpy.zeros((0, len(labels)), dtype="f")
