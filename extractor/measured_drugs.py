"""Substances a text measures rather than gives: drug names that are the trial's outcome, not its arm.

The drug lexicon tags hormones, vitamins and other substances that are also what a trial measures
("plasma leptin concentrations", "levels of leptin"). Mention by mention,
:func:`extractor.records.is_measured` sees a drug named right before a measure noun; a text that
measures a substance names it that way, or inside its outcome and lab-marker mentions, again and
again, and then its other mentions (the title's "leptin responses to exercise", "leptin regulates
appetite") are no arm either. A drug name counts as measured for the whole text where it is named as
measured (before a measure noun, after "<measure noun> of", or inside an outcome or lab-marker
mention) at least :data:`MIN_MEASURED` times and at least as often as it is named otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable

from spacy.strings import get_string_id
from spacy.tokens import Span

from .components.spans import DRUG, span_text  # span_text: Span.text makes a Token per word

MEASURED_LABELS = frozenset({"OUTCOME", "LAB_MARKER"})
MEASURED_LABEL_IDS = frozenset(map(get_string_id, MEASURED_LABELS))  # as ``span.label`` holds them
# How often a drug must be named as measured before the text counts as measuring it.
MIN_MEASURED = 2
# Words between a measure noun and the drug it measures ("concentrations of (the) X").
OF_WORDS = (("of",), ("of", "the"), ("of", "plasma"), ("of", "serum"))


def measured_names(ents: Iterable[Span], arm_starts: set[int], name_of: Callable[[Span], str],
                   lower: list[str], measure_heads: frozenset[str],
                   is_class: Callable[[Span], bool] = lambda span: False) -> set[str]:
    """The normalized names of the drugs the text names as measured (see the module docstring) at
    least :data:`MIN_MEASURED` times and at least as often as it names them otherwise.
    ``arm_starts``: the start tokens of the DRUG entities not measured where they stand; ``lower``: the
    doc's lower-cased words; ``measure_heads``: the nouns that make a drug before them the thing measured;
    ``is_class``: whether a DRUG span names a class ("antibiotics"), which a text gives and counts the use
    of ("antibiotic exposure") but never measures as a substance."""
    ents = list(ents)
    drugs = [span for span in ents if span.label == DRUG and not is_class(span)]
    if not drugs:
        return set()
    targets = [span_text(span).lower() for span in ents if span.label in MEASURED_LABEL_IDS]
    measured: Counter[str] = Counter()
    named: Counter[str] = Counter()
    surfaces: dict[str, set[str]] = {}
    for span in drugs:
        name = name_of(span)
        surfaces.setdefault(name, {name.lower()}).add(span_text(span).lower())
        if span.start not in arm_starts or _after_measure_of(lower, span.start, measure_heads):
            measured[name] += 1
        else:
            named[name] += 1
    if not measured and len(targets) < MIN_MEASURED:
        return set()
    out = set()
    for name, forms in surfaces.items():
        count = measured[name]
        # a target can name the drug only where it holds one of its forms: the pattern (compiled anew for
        # each text's names) is built and run only for those
        holding = [target for target in targets if any(map(target.__contains__, forms))]
        if holding:
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                                 + r")(?![\w-])")
            count += sum(1 for target in holding if pattern.search(target))
        if count >= MIN_MEASURED and count >= named[name]:
            out.add(name)
    return out


def _after_measure_of(lower: list[str], start: int, measure_heads: frozenset[str]) -> bool:
    """Whether the words before token ``start`` read "<measure noun> of" ("concentrations of the X")."""
    for words in OF_WORDS:
        head = start - len(words) - 1
        if head >= 0 and tuple(lower[head + 1:start]) == words and lower[head] in measure_heads:
            return True
    return False
