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
def token_keys(token_text: str) -> tuple[str, str]:
    """(folded key, case-kept key) of one token; a lone hyphen folds to a word break."""
    return lookup_key(token_text) or " ", lookup_key(token_text, lowercase=False) or " "


def _join(left: str, right: str, space: bool) -> str:
    joined = f"{left} {right}" if space else left + right
    return " ".join(joined.split()) if "  " in joined or joined.endswith(" ") else joined


def find_terms(doc: Doc, lexicon: Lexicon) -> Iterable[tuple[int, int, Entry]]:
    """Yield (start token, end token, entry) for the longest lexicon term at each token.

    Keys of token sequences are built from per-token keys (cached by token text), so a
    position costs a few string joins and dictionary look-ups. Terms never cross a
    sentence boundary; a match consumes its tokens.
    """
    limit = min(MAX_TOKENS, lexicon.max_words + 3)
    has_sents = doc.has_annotation("SENT_START")
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        folded, exact = token_keys(token.text)
        if token.is_punct or token.is_space or folded.split(" ", 1)[0] not in lexicon.first_words:
            i += 1
            continue
        sent_end = token.sent.end if has_sents else n
        spans = [(i + 1, folded, exact)]
        for j in range(i + 1, min(sent_end, i + limit)):
            f, e = token_keys(doc[j].text)
            space = bool(doc[j - 1].whitespace_)
            folded, exact = _join(folded, f, space), _join(exact, e, space)
            spans.append((j + 1, folded.strip(), exact.strip()))
        found = None
        for end, folded_key, exact_key in reversed(spans):
            last = doc[end - 1]
            if last.is_punct and last.text != ")":
                continue
            entry = lexicon.lookup(folded_key, exact_key)
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
