"""Dictionary matching of drugs, lab markers and outcomes against folded lookup keys.

spaCy's PhraseMatcher would need every one of the ~120,000 dictionary terms run
through the tokenizer at start-up (about 2 s); instead the doc's own token
boundaries are tried against folded string keys, which makes matching independent
of how the scientific tokenizer splits a term and keeps loading well under a second.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import Entry, Lexicon
from ..normalize import lookup_key
from .spans import add_candidate, encode_ids

MAX_TOKENS = 12


@lru_cache(maxsize=200_000)
def _first_word(token_text: str) -> str:
    key = lookup_key(token_text)
    return key.split(" ", 1)[0] if key else ""


def find_terms(doc: Doc, lexicon: Lexicon) -> Iterable[tuple[int, int, Entry]]:
    """Yield (start token, end token, entry) for the longest lexicon term at each token.

    Terms never cross a sentence boundary; a match consumes its tokens.
    """
    text = doc.text
    limit = min(MAX_TOKENS, lexicon.max_words * 2 + 1)
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.is_punct or token.is_space or _first_word(token.text) not in lexicon.first_words:
            i += 1
            continue
        sent_end = token.sent.end if doc.has_annotation("SENT_START") else len(doc)
        found = None
        for end in range(min(sent_end, i + limit), i, -1):
            last = doc[end - 1]
            if last.is_punct and last.text not in (")",):
                continue
            entry = lexicon.get(text[token.idx: last.idx + len(last.text)])
            if entry is not None:
                found = (i, end, entry)
                break
        if found:
            yield found
            i = found[1]
        else:
            i += 1


class LexiconMatcher:
    """Adds a candidate span for every lexicon term found, labelled by its lexicon."""

    def __init__(self, nlp: Language, name: str, labels: list[str], lexicons: dict[str, Lexicon]):
        self.name = name
        self.lexicons = {label: lexicons[label] for label in labels}

    def __call__(self, doc: Doc) -> Doc:
        for label, lexicon in self.lexicons.items():
            for start, end, entry in find_terms(doc, lexicon):
                add_candidate(doc, start, end, label, entry.name, encode_ids(entry.ids))
        return doc


@Language.factory(
    "lexicon_matcher",
    default_config={"labels": ["DRUG", "LAB_MARKER", "OUTCOME"]},
)
def make_lexicon_matcher(nlp: Language, name: str, labels: list[str]) -> LexiconMatcher:
    from ..pipeline import shared_lexicons

    return LexiconMatcher(nlp, name, labels, shared_lexicons())
