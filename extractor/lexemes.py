"""Faster lexeme attribute getters for the pipeline's vocabulary, each giving what spaCy's gives.

Every word the pipeline has not seen before becomes a lexeme, and spaCy computes its attributes by
calling some twenty Python functions; on new text that is a large part of tokenizing. Several of
them loop over the word's characters in Python or search a list (``like_num``'s number words,
``like_url``'s scan for a dot, ``word_shape``); the versions here read the same answers from
string methods and sets, and fall back on spaCy's own function for anything they do not cover
(non-ASCII text for the character classes), so every lexeme keeps the values it had.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Callable

ASCII = [chr(i) for i in range(128)]
# ASCII characters of the Unicode categories spacy.lang.lex_attrs tests: punctuation (P*), currency (Sc)
ASCII_PUNCT = "".join(c for c in ASCII if unicodedata.category(c).startswith("P"))
ASCII_CURRENCY = "".join(c for c in ASCII if unicodedata.category(c) == "Sc")
_SHAPE_TABLE = str.maketrans({**{c: "X" for c in string.ascii_uppercase}, **{c: "x" for c in string.ascii_lowercase},
                              **{c: "d" for c in string.digits}})
_LETTERS_AND_DIGITS = str.maketrans("", "", "xXd")  # deletes the shape characters of letters and digits
_LONG_RUN = re.compile(r"(.)\1{4,}", re.DOTALL)  # a run of five or more of one shape character


def fast_getters(getters: dict[int, Callable]) -> dict[int, Callable]:
    """``getters`` (a vocab's ``lex_attr_getters``) with the costly ones replaced by equivalents."""
    from spacy import attrs
    from spacy.lang import lex_attrs

    replaced = dict(getters)
    originals = {
        attrs.SHAPE: (lex_attrs.word_shape, _word_shape),
        attrs.LIKE_URL: (lex_attrs.like_url, _like_url),
        attrs.IS_PUNCT: (lex_attrs.is_punct, _is_punct),
        attrs.IS_ASCII: (lex_attrs.is_ascii, _is_ascii),
        attrs.IS_CURRENCY: (lex_attrs.is_currency, _is_currency),
        attrs.IS_QUOTE: (lex_attrs.is_quote, _member(lex_attrs.is_quote)),
        attrs.IS_LEFT_PUNCT: (lex_attrs.is_left_punct, _member(lex_attrs.is_left_punct)),
        attrs.IS_RIGHT_PUNCT: (lex_attrs.is_right_punct, _member(lex_attrs.is_right_punct)),
        attrs.IS_BRACKET: (lex_attrs.is_bracket, _member(lex_attrs.is_bracket)),
    }
    try:
        from spacy.lang.en import lex_attrs as en_attrs

        originals[attrs.LIKE_NUM] = (en_attrs.like_num, _english_like_num(en_attrs))
    except ImportError:  # pragma: no cover
        pass
    for attr, (original, fast) in originals.items():
        if replaced.get(attr) is original:  # only where the vocab uses spaCy's own function
            replaced[attr] = fast
    return replaced


def _word_shape(text: str) -> str:
    if len(text) >= 100 or not text.isascii():
        from spacy.lang.lex_attrs import word_shape

        return word_shape(text)
    shape = text.translate(_SHAPE_TABLE)
    if len(shape) < 5:
        return shape
    # a run of five or more equal shape characters keeps its first four: where there can be none (no
    # five letters or digits in a row, fewer than five other characters) the translation is the shape
    if "xxxxx" in shape or "XXXXX" in shape or "ddddd" in shape or len(shape.translate(_LETTERS_AND_DIGITS)) >= 5:
        return _LONG_RUN.sub(r"\1\1\1\1", shape)
    return shape


def _like_url(text: str) -> bool:
    if text and "." not in text:
        # spaCy's test returns False for a word without a dot, unless it opens with a scheme
        return text.startswith("http://") or text.startswith("https://")
    from spacy.lang.lex_attrs import like_url

    return like_url(text)


def _is_punct(text: str) -> bool:
    if text.isascii():
        return not text.strip(ASCII_PUNCT)
    from spacy.lang.lex_attrs import is_punct

    return is_punct(text)


def _is_ascii(text: str) -> bool:
    return text.isascii()


def _is_currency(text: str) -> bool:
    if text.isascii():
        return not text.strip(ASCII_CURRENCY)
    from spacy.lang.lex_attrs import is_currency

    return is_currency(text)


def _member(original: Callable[[str], bool]) -> Callable[[str], bool]:
    """A set test for one of spaCy's ``text in (...)`` tests, built from the tuple the function holds
    (spaCy's own function where it holds no single tuple of strings)."""
    tuples = [c for c in original.__code__.co_consts if isinstance(c, tuple) and c and all(isinstance(x, str) for x in c)]
    if len(tuples) != 1:
        return original
    return frozenset(tuples[0]).__contains__


def _english_like_num(en_attrs) -> Callable[[str], bool]:
    num_words = frozenset(en_attrs._num_words)
    ordinal_words = frozenset(en_attrs._ordinal_words)

    def like_num(text: str) -> bool:
        if text.startswith(("+", "-", "±", "~")):
            text = text[1:]
        text = text.replace(",", "").replace(".", "")
        if text.isdigit():
            return True
        if text.count("/") == 1:
            num, denom = text.split("/")
            if num.isdigit() and denom.isdigit():
                return True
        text_lower = text.lower()
        if text_lower in num_words or text_lower in ordinal_words:
            return True
        if text_lower.endswith(("st", "nd", "rd", "th")):
            if text_lower[:-2].isdigit():
                return True
        return False

    return like_num
