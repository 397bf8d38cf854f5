"""Helpers shared by the matching components: candidate span groups and identifiers on spans."""

from __future__ import annotations

import warnings
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from spacy.attrs import IDX, LIKE_NUM, LOWER, ORTH, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

CANDIDATES_KEY = "evidence_candidates"

# ``span.label`` of each label: the string's hash, which a span keeps, whatever vocab holds the string.
# ``span.label == DRUG`` is ``span.label_ == "DRUG"`` without the string-store look-up that every read of
# ``label_`` makes (some hundreds of instructions; the loops over candidates and entities read it thousands
# of times per text).
DRUG, LAB_MARKER, OUTCOME, STUDY_DESIGN, COHORT_SIZE, INTERVENTION = map(
    get_string_id, ("DRUG", "LAB_MARKER", "OUTCOME", "STUDY_DESIGN", "COHORT_SIZE", "INTERVENTION"))


def add_candidate(doc: Doc, start: int, end: int, label: str, name: str = "", ids: str = "") -> Span:
    """Add a candidate mention to the doc's candidate group; the resolver chooses among them later.

    ``name`` (the canonical name) travels as the span's ``kb_id`` and ``ids`` (``"scheme:id|..."``)
    as its ``id``, so normalization starts at match time, as in spaCy's span ruler.
    """
    span = Span(doc, start, end, label=label, kb_id=name, span_id=ids)
    add_candidates(doc, [span])
    return span


# The candidate group as a list of its Span objects, kept among the doc's user hooks next to the SpanGroup it
# mirrors: iterating a SpanGroup makes every Span object anew, and four components read the whole group in
# turn. The list stands for the group while the group is the same object with the same length (every writer
# below keeps both); any other change to the group makes the next read build the list again.
CANDIDATES_HOOK = "evidence_candidates"


class _Mirror:
    """A SpanGroup and the list of its Spans. A pickled doc leaves both behind (spaCy pickles no Span): the
    copy mirrors nothing, and the next read builds the list again."""

    __slots__ = ("group", "spans")

    def __init__(self, group=None, spans: list[Span] | None = None):
        self.group = group
        self.spans = [] if spans is None else spans

    def __reduce__(self):
        return (_Mirror, ())


def add_candidates(doc: Doc, spans: list[Span]) -> None:
    """Add candidate spans built by a component (with ``kb_id`` and ``id`` as :func:`add_candidate` sets them),
    in one step rather than one group look-up per span."""
    if not spans:
        doc.spans.setdefault(CANDIDATES_KEY, [])
        return
    known = _mirrored(doc)
    group = doc.spans.setdefault(CANDIDATES_KEY, [])
    group.extend(spans)
    if known is not None:
        known.extend(spans)
        doc.user_hooks[CANDIDATES_HOOK] = _Mirror(group, known)


def set_candidates(doc: Doc, spans: list[Span]) -> None:
    """Replace the candidate group by ``spans`` (``doc.spans[CANDIDATES_KEY] = spans``)."""
    doc.spans[CANDIDATES_KEY] = spans
    doc.user_hooks[CANDIDATES_HOOK] = _Mirror(doc.spans[CANDIDATES_KEY], list(spans))


def _mirrored(doc: Doc) -> list[Span] | None:
    """The list that mirrors the candidate group, where it still does (the caller may change it in place)."""
    kept = doc.user_hooks.get(CANDIDATES_HOOK)
    if kept is None:
        return [] if CANDIDATES_KEY not in doc.spans else None
    group = doc.spans.get(CANDIDATES_KEY)
    return kept.spans if group is kept.group and len(group) == len(kept.spans) else None


def candidates(doc: Doc) -> list[Span]:
    if CANDIDATES_KEY not in doc.spans:
        return []
    known = _mirrored(doc)
    if known is None:
        known = list(doc.spans[CANDIDATES_KEY])
        doc.user_hooks[CANDIDATES_HOOK] = _Mirror(doc.spans[CANDIDATES_KEY], known)
    return list(known)


def release_candidates(doc: Doc) -> None:
    """Drop the list once the candidates are resolved (its Spans refer back to the doc)."""
    doc.user_hooks.pop(CANDIDATES_HOOK, None)


def encode_ids(ids: dict[str, str] | tuple[tuple[str, str], ...]) -> str:
    if isinstance(ids, tuple):
        return _encode_id_pairs(ids)
    return "|".join(f"{scheme}:{value}" for scheme, value in ids.items())


@lru_cache(maxsize=65_536)
def _encode_id_pairs(ids: tuple[tuple[str, str], ...]) -> str:
    """A lexicon entry's ids, encoded once (the same entries match in text after text)."""
    return "|".join(f"{scheme}:{value}" for scheme, value in ids)


def decode_ids(text: str) -> dict[str, str]:
    return dict(_id_pairs(text))  # a new dict: callers may change it


@lru_cache(maxsize=65_536)
def _id_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """The (scheme, value) pairs of encoded ids, split once per encoding (the same entries recur)."""
    return tuple(tuple(part.split(":", 1)) for part in text.split("|") if ":" in part)


# The index is a cache that any doc can rebuild (``index_sentences``); a serialized doc leaving it
# behind loses nothing, so spaCy's warning that user hooks are not saved (W109) is noise here.
warnings.filterwarnings("ignore", message=r".*\[W109\]")


class SentenceIndex:
    """``Span.sent`` / ``Token.sent`` in constant time, from a per-token table of sentence bounds.

    spaCy finds a span's sentence by walking the tokens out to the nearest boundaries, which is
    linear in the sentence; components and records ask for it for every mention, so a long sentence
    made extraction quadratic. Installed as the doc's ``sent`` span hook; it returns exactly the
    span spaCy would (the sentence holding the span's first token). It keeps the sentences as ``doc.sents``
    gives them (:func:`doc_sentences`: spaCy makes every sentence's Span anew on each pass over
    ``doc.sents``, and five components read them all). A module-level class, so a doc carrying it can
    still be pickled (without the sentences' Spans, which spaCy does not pickle: they are made again).
    """

    def __init__(self, doc: Doc):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.sents: list[Span] | None = list(doc.sents)
        for sent in self.sents:
            size = sent.end - sent.start
            self.starts.extend([sent.start] * size)
            self.ends.extend([sent.end] * size)

    def __getstate__(self) -> dict:
        return {"starts": self.starts, "ends": self.ends, "sents": None}

    def __call__(self, span: Span) -> Span:
        i = min(span.start, len(self.starts) - 1)
        return span.doc[self.starts[i]: self.ends[i]]


def index_sentences(doc: Doc) -> None:
    """Give the doc constant-time sentence look-ups (once; a no-op without sentence boundaries)."""
    hook = doc.user_span_hooks.get("sent")
    if hook is not None and (not isinstance(hook, SentenceIndex) or len(hook.starts) == len(doc)):
        return  # already indexed, or someone else's hook
    if len(doc) and doc.has_annotation("SENT_START"):
        doc.user_span_hooks["sent"] = SentenceIndex(doc)


def _sentence_index(doc: Doc) -> SentenceIndex | None:
    """The doc's sentence index (built where it is missing or stale), or None where the doc has another
    sentence hook or no sentence boundaries. A current index is read with one look-up: the helpers below
    are called tens of times per doc."""
    hook = doc.user_span_hooks.get("sent")
    if type(hook) is SentenceIndex and len(hook.starts) == len(doc):
        return hook
    index_sentences(doc)
    hook = doc.user_span_hooks.get("sent")
    return hook if isinstance(hook, SentenceIndex) else None


def doc_sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, read from the doc's sentence index (the same sentences: the index is built from
    them, and is built again where the doc's tokens change)."""
    hook = _sentence_index(doc)
    if hook is None:
        return list(doc.sents)
    if hook.sents is None:
        hook.sents = list(doc.sents)
    return list(hook.sents)


def sentence_starts(doc: Doc) -> list[int]:
    """The start token of each token's sentence."""
    hook = _sentence_index(doc)
    if hook is not None:
        return hook.starts
    return [token.sent.start for token in doc]


def read_groups(doc: Doc, *keys: str) -> dict[str, list[Span]]:
    """The doc's span groups under ``keys``, each as a list: iterating a SpanGroup makes its Span objects
    anew on every pass, so code that reads a group several times reads these lists instead (a key the doc
    lacks is left out, as ``doc.spans.get(key, [])`` reads it)."""
    return {key: list(doc.spans[key]) for key in keys if key in doc.spans}


def positions_of(lower: list[str], vocabulary: frozenset[str] | set[str]) -> list[int]:
    """The positions of the words of ``lower`` that are in ``vocabulary``, in order (one pass, in C)."""
    return list(compress(range(len(lower)), map(vocabulary.__contains__, lower)))


FIRST_CHARACTER = itemgetter(slice(0, 1))


def capitalized_positions(words: list[str]) -> list[int]:
    """The positions of the words whose first character is a capital (``word[:1].isupper()``), in order
    (one pass, in C)."""
    return list(compress(range(len(words)), map(str.isupper, map(FIRST_CHARACTER, words))))


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """The start and the end token of each token's sentence (what ``token.sent`` gives, as two lists)."""
    hook = _sentence_index(doc)
    if hook is not None:
        return hook.starts, hook.ends
    sentences = [token.sent for token in doc]
    return [sent.start for sent in sentences], [sent.end for sent in sentences]


def text_after(span: Span, size: int) -> str:
    """``doc.text[span.end_char: span.end_char + size]``, sliced from the doc's text joined once
    (``Doc.text`` joins every token of the doc on each call)."""
    if not len(span):
        doc = span.doc
        return "".join(doc[i].text_with_ws for i in range(span.end, min(len(doc), span.end + size)))[:size]
    end = span.end_char
    return doc_strings(span.doc).text[end:end + size]


# The string of each hash the docs' words have had (a hash is the string's own, whichever vocab holds it): a
# dict look-up in C per token, against a call into the StringStore (a few hundred instructions) per token.
_STRINGS: dict[int, str] = {}
STRINGS_KEPT = 1_000_000


def _strings_of(ids: list[int], store) -> list[str]:
    """``[store[i] for i in ids]``."""
    known = _STRINGS
    try:
        return list(map(known.__getitem__, ids))
    except KeyError:
        if len(known) >= STRINGS_KEPT:
            known.clear()
        known.update((i, store[i]) for i in set(ids).difference(known))
        return list(map(known.__getitem__, ids))


class DocStrings:
    """Plain strings of one doc, built once and shared by every component and the record builder.

    ``Doc.text`` and ``Span.text`` join their tokens again on every call, and each ``doc[i]`` makes a
    new Token object; code that reads words in a loop reads these lists instead.
    """

    def __init__(self, doc: Doc):
        # one array of (ORTH, LOWER, SPACY) and string-store look-ups: no Token object per token
        orth, lower, space, idx, like_num = doc.to_array([ORTH, LOWER, SPACY, IDX, LIKE_NUM]).T.tolist() if len(doc) \
            else ([], [], [], [], [])
        self.words: list[str] = _strings_of(orth, doc.vocab.strings)
        self.lower: list[str] = _strings_of(lower, doc.vocab.strings)
        self.text = "".join([word + " " if after else word for word, after in zip(self.words, space)])  # Doc.text
        self.idx: list[int] = idx  # token.idx of every token
        self.like_num: list[int] = like_num  # token.like_num of every token (1 or 0)
        self.orth: list[int] = orth  # token.orth of every token
        self.space: list[int] = space  # whether each token is followed by a space (1 or 0)


# A doc's strings travel with it among its user hooks (which spaCy reads only under its own names, and
# which a doc serialized without them loses at no cost, as the sentence index): a doc's text never
# changes once tokenized, and a hook is read at the cost of one dict look-up, against a weak reference
# made on every read of a WeakKeyDictionary (doc_strings is read tens of times per sentence).
STRINGS_HOOK = "evidence_strings"


def doc_strings(doc: Doc) -> DocStrings:
    strings = doc.user_hooks.get(STRINGS_HOOK)
    if strings is None or len(strings.lower) != len(doc):
        strings = doc.user_hooks[STRINGS_HOOK] = DocStrings(doc)
    return strings


# Where spaCy keeps a doc's ``doc._.<name>`` value (spacy.tokens.underscore.Underscore._get_key for a Doc).
EXTENSION_KEY = "._."


def doc_extension(doc: Doc, name: str):
    """``doc._.<name>``, read from ``doc.user_data`` where that is all spaCy would do: each ``doc._`` read makes
    an Underscore object and runs two Python methods (about 2 µs; a doc's extensions are read a dozen times).
    An extension with a getter or a method, or an unset one with a mutable default, is read through ``doc._``."""
    extension = Doc.get_extension(name)
    if extension is not None and extension[1] is None and extension[2] is None:
        key = (EXTENSION_KEY, name, None, None)
        user_data = doc.user_data
        if key in user_data:
            return user_data[key]
        if not isinstance(extension[0], (dict, list, set)):
            return extension[0]
    return getattr(doc._, name)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc."""
    return doc_strings(doc).text


def span_text(span: Span) -> str:
    """``span.text``, as a slice of the doc's text."""
    return doc_strings(span.doc).text[span.start_char:span.end_char] if len(span) else ""


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, as a slice of the doc's text (no Span made)."""
    if end <= start:
        return ""
    strings = doc_strings(doc)
    return strings.text[strings.idx[start]:strings.idx[end - 1] + len(strings.words[end - 1])]


def token_offsets(doc: Doc) -> list[int]:
    """``token.idx`` of every token of the doc."""
    return doc_strings(doc).idx


def lower_words(doc: Doc) -> list[str]:
    """``token.lower_`` of every token of the doc (read tens of times per doc: the current strings are
    taken from the hook here, without a further call)."""
    strings = doc.user_hooks.get(STRINGS_HOOK)
    if strings is None or len(strings.lower) != len(doc):
        strings = doc_strings(doc)
    return strings.lower


def token_words(doc: Doc) -> list[str]:
    """``token.text`` of every token of the doc."""
    strings = doc.user_hooks.get(STRINGS_HOOK)
    if strings is None or len(strings.lower) != len(doc):
        strings = doc_strings(doc)
    return strings.words
