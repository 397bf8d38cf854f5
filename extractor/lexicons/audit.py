"""Audit the project's lexicons for written forms whose canonical name is another concept.

For every (term, canonical name) pair of the project's OUTCOME, LAB_MARKER and DRUG files, list
the pairs where the name shares no content word with the term (after case, dash, plural and
British-versus-American folding) and is not the term's abbreviation or its expansion. Each listed
pair is either a true synonym (keep) or a broader, narrower or opposite concept (the term should
be its own entry, named by its own words).

Usage: python -m extractor.lexicons.audit [--all] [LABEL ...]
(--all also lists pairs that share a word but add or drop words, e.g. "preterm X" -> "X").
"""

from __future__ import annotations

import re
import sys

from . import PROJECT_FILES, project_entries
from ..normalize import american_spelling, lookup_key
from .vocabulary import words

STOP = words("lexicon_audit_stop_words")


def content_words(text: str) -> set[str]:
    words = re.split(r"[\s/]+", american_spelling(lookup_key(text)))
    return {_stem(w) for w in words if w and w not in STOP}


def _stem(word: str) -> str:
    word = re.sub(r"(ies)$", "y", word)
    word = re.sub(r"(?<=[a-z]{3})(es|s)$", "", word)
    return word[:6]


def is_abbreviation(short: str, long: str) -> bool:
    """True where ``short`` is written like an abbreviation (one word with a capital or a digit) whose letters
    occur in order in ``long``, the first being ``long``'s initial: "ALT" of "alanine aminotransferase"."""
    if " " in short.strip() or not any(c.isupper() or c.isdigit() for c in short):
        return False
    letters = [c.lower() for c in short if c.isalpha()]
    text = long.lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    at = 0
    for letter in letters:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def classify(term: str, name: str) -> str | None:
    """None where the name is plainly the term's own words; else why the pair is listed."""
    if american_spelling(lookup_key(term)) == american_spelling(lookup_key(name)):
        return None
    if is_abbreviation(term, name) or is_abbreviation(name, term):
        return None
    t, n = content_words(term), content_words(name)
    if not t & n:
        return "no shared word"
    if t != n:
        return "words added or dropped"
    return None


def main(argv: list[str]) -> int:
    show_all = "--all" in argv
    labels = [a for a in argv if not a.startswith("--")] or ["OUTCOME", "LAB_MARKER", "DRUG"]
    for label in labels:
        if label not in PROJECT_FILES:
            continue
        for term, entry, _case in project_entries(label):
            why = classify(term, entry.name)
            if why == "no shared word" or (why and show_all):
                print(f"{label}\t{why}\t{term!r} -> {entry.name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
