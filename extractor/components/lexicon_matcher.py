"""Dictionary matching of drugs, lab markers and outcomes against folded lookup keys.

spaCy's PhraseMatcher would need every one of the 129,755 dictionary keys (63,000 drug,
66,097 disease, 332 outcome and 326 lab-marker keys) run
through the tokenizer at start-up (about 2 s); instead the doc's own token
boundaries are tried against folded string keys, which makes matching independent
of how the scientific tokenizer splits a term and keeps loading well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons import Entry, Lexicon
from ..lexicons.vocabulary import words
from ..normalize import american_spelling, lookup_key
from .batching import BatchedPipe
from .spans import (add_candidates, doc_strings, encode_ids, index_sentences, lower_words, sentence_bounds, token_words,
                    tokens_text)

MAX_TOKENS = 12
TABLE_KEY = "evidence_token_table"
MISSING = object()


@lru_cache(maxsize=200_000)
def token_keys(token_text: str) -> tuple[str, str]:
    """(folded key, case-kept key) of one token; a lone hyphen folds to a word break."""
    return lookup_key(token_text) or " ", lookup_key(token_text, lowercase=False) or " "


@lru_cache(maxsize=200_000)
def _token_row(token_text: str) -> tuple[str, str, str, str, str, str]:
    """:func:`token_keys`, the folded key's first word, both keys stripped (a term's key at that token)
    and the stripped folded key lower-cased."""
    folded, exact = token_keys(token_text)
    return folded, exact, folded.split(" ", 1)[0], folded.strip(), exact.strip(), folded.strip().lower()


def _join(left: str, right: str, space: bool) -> str:
    joined = f"{left} {right}" if space else left + right
    if "  " not in joined and not joined.startswith(" "):
        return joined
    return " ".join(joined.split()) + (" " if joined.endswith(" ") else "")


@dataclass
class TokenTable:
    """Plain per-token data of a doc, built once and shared by every lexicon scan of that doc."""

    folded: Sequence[str]
    exact: Sequence[str]
    space_after: Sequence[int]  # SPACY (1 or 0)
    skip: Sequence[bool]  # IS_PUNCT or IS_SPACE
    sent_end: list[int]
    first_word: Sequence[str]  # the folded key's first word, the one every lexicon is keyed by
    folded_term: Sequence[str]  # ``folded`` and ``exact`` stripped: the keys of a one-token term
    exact_term: Sequence[str]
    folded_term_lower: Sequence[str]


# Each token's row of the table (its :func:`_token_row` and whether it is punctuation or space, as the lexeme's
# IS_PUNCT and IS_SPACE flags say, which are set when the lexeme is made), kept by orth id for each vocab: one
# dict look-up per token where an lru_cache hit and ``Doc.to_array`` cost many times that.
ROWS_KEPT = 200_000
_ROWS: dict[int, tuple[object, dict[int, tuple]]] = {}  # by id(vocab), with the vocab: no id is reused


def _rows(doc: Doc, orths: list[int], words: list[str]) -> list[tuple]:
    vocab = doc.vocab
    kept = _ROWS.get(id(vocab))
    if kept is None:
        kept = _ROWS[id(vocab)] = (vocab, {})
    rows = kept[1]
    try:
        return list(map(rows.__getitem__, orths))
    except KeyError:  # a word not seen before
        if len(rows) >= ROWS_KEPT:
            rows.clear()
        for orth, word in zip(orths, words):
            if orth not in rows:
                lexeme = vocab[orth]
                rows[orth] = (*_token_row(word), lexeme.is_punct or lexeme.is_space)
        return list(map(rows.__getitem__, orths))


def token_table(doc: Doc) -> TokenTable:
    cached = doc.user_data.get(TABLE_KEY)
    if cached is not None and len(cached.folded) == len(doc):
        return cached
    strings = doc_strings(doc)
    rows = _rows(doc, strings.orth, strings.words)
    # columns as tuples: the scans only read them
    folded, exact, first_word, folded_term, exact_term, folded_term_lower, skip = zip(*rows) if rows else ((),) * 7
    if doc.has_annotation("SENT_START"):
        sent_end = sentence_bounds(doc)[1]
    else:
        sent_end = [len(doc)] * len(doc)
    table = TokenTable(folded, exact, strings.space, skip, sent_end, first_word, folded_term, exact_term,
                       folded_term_lower)
    doc.user_data[TABLE_KEY] = table
    return table


def release_token_table(doc: Doc) -> None:
    """Drop the cached table once matching is over (user_data must stay serializable)."""
    doc.user_data.pop(TABLE_KEY, None)


def find_terms(doc: Doc, lexicon: Lexicon) -> Iterable[tuple[int, int, Entry]]:
    """Yield (start token, end token, entry) for the longest lexicon term at each token.

    A key grows token by token only while it is still the beginning of some lexicon term (or
    the token is glued to the next one, as in "(IL)-6"), so most positions cost one set
    look-up. Terms never cross a sentence boundary; a match consumes its tokens.
    """
    table = token_table(doc)
    limit = min(MAX_TOKENS, lexicon.max_words + 3)
    first_words, prefixes, exact_pairs = lexicon.first_words, lexicon.prefixes, lexicon.exact_pairs
    keys = lexicon.folded
    folded_keys, exact_keys, space_after, skip, sent_end = (table.folded, table.exact, table.space_after, table.skip,
                                                             table.sent_end)
    folded_terms, exact_terms, folded_lower = table.folded_term, table.exact_term, table.folded_term_lower
    words = token_words(doc)
    found_keys = lexicon.found_keys()
    with_exact = bool(lexicon.exact)  # without case-kept terms the case-kept key finds nothing: not built
    free = 0  # the first token not consumed by a match
    # a term starts only at a token whose first word starts some term: one set look-up per token, in one pass
    first_word = table.first_word
    for i in [i for i in compress(range(len(first_word)), map(first_words.__contains__, first_word)) if not skip[i]]:
        if i < free:
            continue
        folded, exact = folded_terms[i], exact_terms[i] if with_exact else ""
        if i + 1 >= sent_end[i]:
            grows = False
        elif not space_after[i]:
            grows = True  # glued to the next token ("(IL)-6")
        elif folded not in prefixes and folded_lower[i] not in prefixes:
            grows = False
        else:
            # every key the scan would join from a one-word key and a next token whose first word is whole (a
            # dash token folds to a word break, a glued word goes on) begins with these two words; where no
            # key does, the scan finds the one-token term or nothing. A folded key of three words or more
            # begins with one of the prefixes, one of two is itself a key or read as its plural ("x ys" for
            # "x y"), a case-kept key is in exact_pairs
            after = folded_keys[i + 1]
            if " " in folded or after == " " or not (space_after[i + 1] or " " in after or i + 2 >= sent_end[i]):
                grows = True
            else:
                pair = f"{folded} {first_word[i + 1]}"
                grows = (pair in prefixes or pair in keys or pair in exact_pairs
                         or pair[-1:] == "s" and pair[:-1] in keys)
        if not grows:
            # the key cannot grow past this token (the common case): the one-token term or nothing,
            # as the loops below would find it (a start token is never skipped)
            entry = found_keys.get((folded, exact), MISSING)
            if entry is MISSING:
                entry = found_keys[(folded, exact)] = lexicon.lookup(folded, exact)
            if entry is not None:
                yield i, i + 1, entry
                free = i + 1
            continue
        # each key is looked up as it grows, and the longest with an entry wins (most starts find none)
        longest, end, stop = None, i + 1, min(sent_end[i], i + limit)
        # a dash token ("Guillain", "–", "Barré") folds to a word break that the next word keeps
        open_folded, open_exact = folded, exact
        while True:
            if not skip[end - 1] or words[end - 1] == ")":
                entry = found_keys.get((folded, exact), MISSING)
                if entry is MISSING:
                    entry = found_keys[(folded, exact)] = lexicon.lookup(folded, exact)
                if entry is not None:
                    longest = end, entry
            if end >= stop:
                break
            glued = not space_after[end - 1]
            if not glued and folded not in prefixes and folded.lower() not in prefixes:
                break
            # _join, its common case written out (this loop runs for most tokens of every text)
            open_folded = open_folded + folded_keys[end] if glued else f"{open_folded} {folded_keys[end]}"
            if "  " in open_folded or open_folded[:1] == " ":
                open_folded = _join(open_folded, "", False)
            folded = open_folded.strip()
            if with_exact:  # the same for the case-kept key
                open_exact = open_exact + exact_keys[end] if glued else f"{open_exact} {exact_keys[end]}"
                if "  " in open_exact or open_exact[:1] == " ":
                    open_exact = _join(open_exact, "", False)
                exact = open_exact.strip()
            end += 1
        if longest is not None:
            yield i, longest[0], longest[1]
            free = longest[0]


# A drug name followed by these words names a condition or a target, not a treatment. An overdose of a drug or
# resistance to it still names the drug, and the annotators tag it ("paracetamol overdose", "clarithromycin
# resistance"): those stay mentions, and the records decide whether the drug was given.
NOT_A_TREATMENT_AFTER = {("use", "disorder"), ("use", "disorders"), ("dependence",), ("addiction",), ("withdrawal",),
                         ("poisoning",), ("allergy",), ("receptor",), ("receptors",)}


def names_a_condition(doc: Doc, end: int) -> bool:
    following = tuple(lower_words(doc)[end: end + 2])
    return following[:1] in NOT_A_TREATMENT_AFTER or following[:2] in NOT_A_TREATMENT_AFTER


SALT_WORDS = words("salt_words")
# Therapy nouns that a drug's span leaves out ("calcium supplementation" -> "calcium"), as ANNOTATION.md's "therapy".
SUPPLEMENT_WORDS = words("supplement_words")
# Drugs joined by a hyphen in one word ("elbasvir-grazoprevir") name one co-formulated product.
COMBINATION_IDS = encode_ids({"type": "fixed_combination"})
# How many words before a hyphenated word may still belong to its first drug ("abacavir sulfate-").
MAX_LEFT_WORDS = 3


def without_salt(lexicon: Lexicon, entry: Entry) -> Entry:
    """The bare drug for a salt or ester form ("cyproterone acetate" -> cyproterone), where the lexicon
    knows it; ANNOTATION.md names a drug by its generic name."""
    head, _, last = entry.name.rpartition(" ")
    if not head or last not in SALT_WORDS:
        return entry
    bare = lexicon.get(head, plural=False)
    return bare if bare is not None and bare.label == entry.label else entry


def single_drug(lexicon: Lexicon, text: str) -> Entry | None:
    """The lexicon's drug for a written name, also with trailing salt words ("abacavir sulfate")."""
    parts = text.split()
    while parts:
        entry = lexicon.get(" ".join(parts), plural=False)
        if entry is not None:
            return None if entry.ids_dict().get("type") == "class" else entry
        if parts[-1].lower() not in SALT_WORDS:
            return None
        parts = parts[:-1]
    return None


def co_formulations(doc: Doc, lexicon: Lexicon, taken: set[int]) -> Iterable[tuple[int, int, str]]:
    """(start, end, name) of products written as drugs joined by hyphens in one word ("elbasvir-grazoprevir",
    "abacavir sulfate-lamivudine"): one drug, named as written (a product the lexicon lists
    is found by :func:`find_terms` instead, ``taken`` holds its tokens)."""
    words_ = token_words(doc)
    sent_starts = sentence_bounds(doc)[0]
    for i, word in enumerate(words_):
        if "-" not in word or i in taken or not word[0].isalpha():
            continue
        first, *rest = word.split("-")
        if len(rest) > 2 or not all(len(p) >= 4 and single_drug(lexicon, p) for p in rest):
            continue
        start = None
        for left in range(i, max(sent_starts[i], i - MAX_LEFT_WORDS) - 1, -1):
            if left < i and not words_[left].isalpha():
                break
            if single_drug(lexicon, " ".join([*words_[left:i], first])):
                start = left
        if start is not None:
            yield start, i + 1, american_spelling(tokens_text(doc, start, i + 1))


# A listed product written as its drugs joined by one of these words names each drug: ANNOTATION.md gives a
# combination one record per drug, so "umeclidinium and vilanterol" is two mentions.
COMBINATION_JOINS = words("combination_joins")


def listed_combination_parts(doc: Doc, lexicon: Lexicon, start: int, end: int) -> list[tuple[int, int, Entry]] | None:
    """(start, end, entry) of each drug of a listed product written "A and B", or None where the term is no
    such list (no joining word, or a part that is not a drug of its own)."""
    lower = lower_words(doc)
    joins = [i for i in range(start + 1, end - 1) if lower[i] in COMBINATION_JOINS]
    if not joins:
        return None
    parts, left = [], start
    for i in joins + [end]:
        entry = single_drug(lexicon, tokens_text(doc, left, i)) if left < i else None
        if entry is None:
            return None
        parts.append((left, i, entry))
        left = i + 1
    return parts


class LexiconMatcher(BatchedPipe):
    """Adds a candidate span for every lexicon term found, labelled by its lexicon."""

    def __init__(self, nlp: Language, name: str, labels: list[str], lexicons: dict[str, Lexicon]):
        self.name = name
        self.lexicons = {label: lexicons[label] for label in labels}

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)  # the first component to ask for sentences; every later one reuses the index
        found: list[Span] = []
        for label, lexicon in self.lexicons.items():
            terms = [(start, end, entry) for start, end, entry in find_terms(doc, lexicon)
                     if label != "DRUG" or not names_a_condition(doc, end)]
            if label == "DRUG":
                terms = [part for term in terms for part in
                         (listed_combination_parts(doc, lexicon, term[0], term[1]) or [term])]
            lower = lower_words(doc)
            for start, end, entry in terms:
                if label == "DRUG":
                    entry = without_salt(lexicon, entry)
                    if end - start > 1 and lower[end - 1] in SUPPLEMENT_WORDS:
                        end -= 1  # "calcium supplementation": the drug, "supplementation" outside its span
                found.append(Span(doc, start, end, label=label, kb_id=outcome_name(doc, start, end, entry),
                                  span_id=encode_ids(entry.ids)))
            if label == "DRUG":
                texts = token_words(doc)
                whole = {end - 1 for start, end, _ in terms if "-" in texts[end - 1]}
                found += [Span(doc, start, end, label=label, kb_id=name, span_id=COMBINATION_IDS)
                          for start, end, name in co_formulations(doc, lexicon, whole)]
        add_candidates(doc, found)
        return doc


def outcome_name(doc: Doc, start: int, end: int, entry: Entry) -> str:
    """The name a mention carries. The project's lexicons name concepts as curators write them; a
    disease dictionary's preferred heading does not ("interstitial lung diseases", "acne vulgaris" for
    "acne"), so an outcome found there keeps the words the text used, and its MeSH id says which concept."""
    if entry.label == "OUTCOME" and entry.source != "project":
        return tokens_text(doc, start, end).lower()
    return entry.name


@Language.factory(
    "lexicon_matcher",
    default_config={"labels": ["DRUG", "LAB_MARKER", "OUTCOME"]},
)
def make_lexicon_matcher(nlp: Language, name: str, labels: list[str]) -> LexiconMatcher:
    from ..pipeline import shared_lexicons

    return LexiconMatcher(nlp, name, labels, shared_lexicons())
