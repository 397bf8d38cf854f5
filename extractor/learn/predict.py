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
from itertools import chain
from operator import itemgetter
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


# A space-free chunk's tokens do not depend on the chunks around it, except where a special case of
# the tokenizer matches across a space (then its pattern has two neighbouring tokens that end and
# start the two chunks): ``ChunkOrths`` keeps the ORTH ids of each chunk it has seen, and tokenizes a
# text again in full wherever such a pair of neighbours meets.
CHUNKS_KEPT = 100_000
LAST, FIRST = itemgetter(-1), itemgetter(0)  # a chunk's last and first token
ORTH, SPACY = 65, 81  # spacy.attrs.ORTH and SPACY (spaCy is imported only once the pipeline is built)


class ChunkOrths:
    """The ORTH ids of a tokenizer's tokens for a text, read from a table of space-free chunks.

    The bag-of-n-grams textcats read nothing of a token but its ORTH id; spaCy's tokenizer makes a
    Doc for every text (and tokenizes again every chunk that holds a special case), which on the
    claim windows, many a sentence long, cost more than the model. Texts whose only white space is
    single spaces between chunks are read from the table; any other text is tokenized as before.
    """

    def __init__(self, tokenizer: "Tokenizer"):
        self.tokenizer = tokenizer
        self.chunks: dict[str, tuple[int, ...]] = {}
        self.pairs = special_case_pairs(tokenizer)
        self.lefts = {left for left, _ in self.pairs}

    def _crosses(self, parts: list[tuple[int, ...]]) -> bool:
        ends = list(map(LAST, parts[:-1]))
        if self.lefts.isdisjoint(ends):
            return False  # no chunk ends on a token that opens a pair: the common case, tested in C
        # each chunk's last token with the next chunk's first, also tested in C
        return not self.pairs.isdisjoint(zip(ends, map(FIRST, parts[1:])))

    def __call__(self, text: str) -> numpy.ndarray:
        """What ``tokenizer(text).to_array([ORTH])`` gives: uint64, one per token."""
        # only single spaces between chunks: no other white space (every other white-space character
        # is unprintable to ``str.isprintable``), no run of spaces, none at either end
        if not text or not text.isprintable() or "  " in text or text[0] == " " or text[-1] == " ":
            return self._tokenized(text)
        words = text.split(" ")
        parts = list(map(self.chunks.get, words))
        if None in parts:
            new = self._new_chunks([word for word, part in zip(words, parts) if part is None])
            if new is None:
                return self._whole(text, words)
            parts = [new[word] if part is None else part for word, part in zip(words, parts)]
        if self._crosses(parts):
            return self._tokenized(text)
        return numpy.array(list(chain.from_iterable(parts)), dtype="uint64")

    def _new_chunks(self, words: list[str]) -> dict[str, tuple[int, ...]] | None:
        """The tokens of chunks missing from the table, tokenized together as one text (a chunk's tokens do not
        depend on its neighbours) and added to it; None where that text does not fall into one part per
        chunk or a special case may join two of its chunks (then the whole text is tokenized as before).
        In a new text most chunks are known words: the tokenizer reads only the others."""
        unique = list(dict.fromkeys(words))
        parts = _chunk_parts(self.tokenizer(" ".join(unique)))[1]
        if len(parts) != len(unique) or self._crosses(parts):
            return None
        self._remember(unique, parts)
        return dict(zip(unique, parts))

    def _whole(self, text: str, words: list[str]) -> numpy.ndarray:
        """The text tokenized in full; its chunks join the table where they fall one part per chunk."""
        orths, parts = _chunk_parts(self.tokenizer(text))
        if len(parts) == len(words) and not self._crosses(parts):
            self._remember(words, parts)
        return numpy.array(orths, dtype="uint64")

    def _remember(self, words: list[str], parts: list[tuple[int, ...]]) -> None:
        if len(self.chunks) >= CHUNKS_KEPT:
            self.chunks.clear()
        self.chunks.update(zip(words, parts))

    def _tokenized(self, text: str) -> numpy.ndarray:
        return numpy.asarray(self.tokenizer(text).to_array([ORTH]), dtype="uint64")


def _chunk_parts(doc) -> tuple[list[int], list[tuple[int, ...]]]:
    """(ORTH of every token, the ORTHs of each space-free chunk) of a tokenized text."""
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist() if len(doc) else ([], [])
    parts, start = [], 0
    for i, space in enumerate(spaces):
        if space or i == len(spaces) - 1:
            parts.append(tuple(orths[start:i + 1]))
            start = i + 1
    return orths, parts


def special_case_pairs(tokenizer: "Tokenizer") -> set[tuple[int, int]]:
    """(ORTH, ORTH) of every two neighbouring tokens in a pattern of the tokenizer's special-case matcher
    (each special case as the affix rules alone split it, which is how spaCy builds the matcher, and as
    the whole tokenizer splits it)."""
    from spacy.tokenizer import Tokenizer

    plain = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match,
                      faster_heuristics=tokenizer.faster_heuristics)
    pairs = set()
    for string in tokenizer.rules:
        # the special cases spaCy gives its matcher (Tokenizer.add_special_case)
        if tokenizer.faster_heuristics and not (tokenizer.find_prefix(string) or tokenizer.find_infix(string)
                                                or tokenizer.find_suffix(string) or " " in string):
            continue
        for split in (plain, tokenizer):
            orths = split(string).to_array([ORTH]).tolist()
            pairs.update(zip(orths, orths[1:]))
    return pairs


class _Orths:
    """A stand-in for a Doc where the textcat reads only ``len`` and ``to_array([ORTH])``."""

    __slots__ = ("array",)
    tensor = None  # read by TextCategorizer.predict where every text of a batch is empty

    def __init__(self, array: numpy.ndarray):
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def to_array(self, attrs) -> numpy.ndarray:
        return self.array


def chunk_orths(nlp: "Language", tokenizer: "Tokenizer") -> ChunkOrths:
    """The chunk table of ``tokenizer`` (``nlp``'s own, or its copy on the pipeline's vocab), kept on the
    loaded model ``nlp`` as its tokenizer settings are: id(tokenizer) -> (tokenizer, table), the tables of
    the last few tokenizers only."""
    tables = nlp.__dict__.setdefault("_chunk_orths", {})
    entry = tables.get(id(tokenizer))
    if entry is None or entry[0] is not tokenizer:
        entry = tables[id(tokenizer)] = (tokenizer, ChunkOrths(tokenizer))
        while len(tables) > VOCABS_KEPT + 1:  # a tokenizer per vocab kept by tokenizer_on, and the model's own
            del tables[next(iter(tables))]
    return entry[1]


def textcat_scores(nlp: "Language", texts: list[str], batch_size: int,
                   vocab: "Vocab | None" = None) -> tuple[tuple[str, ...], numpy.ndarray]:
    """(labels, scores): row i holds the score of every label for ``texts[i]`` (float32, label order).
    ``vocab``: the pipeline's, for the tokens (see the module's docstring); else the model's own."""
    textcat = nlp.get_pipe("textcat")
    if not getattr(textcat, "_batched_ngrams", False):
        use_batched_ngrams(textcat.model)
        textcat._batched_ngrams = True
    attrs = {node.attrs.get("attr") for node in textcat.model.walk() if node.name == "extract_ngrams"}
    tokenizer = nlp.tokenizer if vocab is None else tokenizer_on(vocab, nlp)
    if attrs == {ORTH}:
        orths = chunk_orths(nlp, tokenizer)
        tokenize = lambda text: _Orths(orths(text))  # noqa: E731
    else:
        tokenize = tokenizer
    rows = [numpy.asarray(textcat.predict([tokenize(text) for text in texts[i:i + batch_size]]))
            for i in range(0, len(texts), batch_size)]
    labels = tuple(textcat.labels)
    return labels, numpy.concatenate(rows) if rows else numpy.zeros((0, len(labels)), dtype="f")
