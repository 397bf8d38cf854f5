"""The arm a result sentence is stated for, where the sentence compares named arms.

Trial abstracts state results by arm: "<outcome> was higher in the infusion group as opposed to the
bolus group", "participants in ePaper conditions had higher attrition compared with those in mobile
conditions". The result belongs to the arm named outside a comparison ("than", "versus", "compared
with", "as opposed to"), not to the abstract's main arm. A sentence's arm labels are its "<label>
group / arm / condition" phrases (named by the drug where the label is a drug mention); the word lists
are ``arm_group_heads``, ``generic_arm_words`` and ``arm_comparison_words`` of the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Span

from .arm_names import is_arm_name
from .lexicons.vocabulary import words

GROUP_HEADS = words("arm_group_heads")
GENERIC = words("generic_arm_words")
COMPARISON = words("arm_comparison_words")
# How far before an arm label a comparison word may stand and still make it the comparison.
COMPARISON_REACH = 6
MAX_LABEL_WORDS = 3
# "5.4 for the A group and 4.0 for the B group" (:func:`figures_by_arm`): the prepositions that give a figure's arm,
# and how far before the first arm its figure may stand.
FIGURE_ARM_LEADS = words("figure_arm_leads")
FIGURE_REACH = 8
# A label needs a word of three letters ("the 60 mg group", "group PP" name no treatment).
NAME_WORD = re.compile(r"[a-z]{3}")
LABEL_WORD = re.compile(r"^[a-z][a-z0-9'’\-]*[a-z0-9]$")


@dataclass(frozen=True)
class ArmLabel:
    start: int
    end: int
    name: str


def group_labels(lower: list[str], start: int, end: int) -> list[ArmLabel]:
    """ "<label> group" phrases of tokens [start, end): up to three label words before a group noun,
    none of them generic ("the infusion group" -> infusion; "both groups" -> nothing)."""
    out = []
    for head in range(start + 1, end):
        if lower[head] not in GROUP_HEADS:
            continue
        first = head
        while first > start and head - first < MAX_LABEL_WORDS and LABEL_WORD.match(lower[first - 1]) \
                and lower[first - 1] not in GENERIC and lower[first - 1] not in GROUP_HEADS \
                and lower[first - 1] not in COMPARISON:
            first -= 1
        if first < head and NAME_WORD.search(" ".join(lower[first:head])) and is_arm_name(" ".join(lower[first:head])):
            out.append(ArmLabel(first, head, " ".join(lower[first:head])))
    return out


def sentence_labels(lower: list[str], start: int, end: int, drugs: list[tuple[Span, str]]) -> list[ArmLabel]:
    """The group phrases of one sentence in text order; one that holds a drug mention is named by the
    drug ("the metformin group" -> the drug's normalized name)."""
    labels = []
    for label in group_labels(lower, start, end):
        drug = next((name for span, name in drugs if span.start < label.end and label.start < span.end), None)
        labels.append(ArmLabel(label.start, label.end, drug) if drug else label)
    return labels


def in_comparison(lower: list[str], label: ArmLabel, since: int) -> bool:
    """Whether a comparison word stands shortly before the label (and after ``since``)."""
    return any(lower[i] in COMPARISON for i in range(max(since, label.start - COMPARISON_REACH), label.start))


def stated_arm(lower: list[str], start: int, end: int, drugs: list[tuple[Span, str]],
               is_control: Callable[[str], bool] = lambda name: False) -> str | None:
    """The arm a comparison sentence [start, end) states its result for: the first label outside a
    comparison, where a comparison follows it; None where the sentence compares no named arms."""
    labels = [label for label in sentence_labels(lower, start, end, drugs) if not is_control(label.name)]
    for label in labels:
        if in_comparison(lower, label, start):
            continue
        if any(lower[i] in COMPARISON for i in range(label.end, end)):
            return label.name
        return label.name if figures_by_arm(lower, labels) else None
    return None


def figures_by_arm(lower: list[str], labels: list[ArmLabel]) -> bool:
    """ "5.4 for the A group and 4.0 for the B group": two differently named arm labels, each led by a preposition
    of a figure's arm ("in", "for", "with", "among"), the first with a number before it; the first figure is the
    first arm's, as the records read a pair of figures (the first arm's against the second's)."""
    if len(labels) < 2 or labels[0].name == labels[1].name:
        return False
    first, second = labels[0], labels[1]
    return all(_figure_lead(lower, label.start) for label in (first, second)) \
        and any(any(map(str.isdigit, word)) for word in lower[max(0, first.start - FIGURE_REACH):first.start])


def _figure_lead(lower: list[str], start: int) -> bool:
    """Whether a figure's arm preposition stands right before the label, a determiner between them allowed."""
    at = start - 1 if start > 0 and lower[start - 1] in ("the", "a") else start
    return at > 0 and lower[at - 1] in FIGURE_ARM_LEADS
