"""Which arm a pair of percentages starts with.

Trial reports mostly give the intervention arm's figure first ("14.1% vs 21.8%"), and the records
builder reads the direction of a pair that way. Where the words between the two figures name the control
arm ("18% of the controls and 12% of the treated group", "41% with placebo and 29% with X"), the first
figure is the control's and the direction is the other way round.
"""

from __future__ import annotations

import re

from .lexicons.vocabulary import word_list

PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%")
CONTROL_WORDS = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, word_list('control_arm_words') + word_list('waiting_list_names')))})\b", re.I)
FLIPPED = {"increase": "decrease", "decrease": "increase"}


def control_first(text: str) -> bool:
    """Whether the control arm is named between the first two percentages of ``text`` and not after them."""
    figures = list(PERCENT.finditer(text))
    if len(figures) < 2:
        return False
    between = text[figures[0].end():figures[1].start()]
    after = text[figures[1].end():]
    return bool(CONTROL_WORDS.search(between)) and not CONTROL_WORDS.search(after)


def in_arm_order(direction: str | None, text: str) -> str | None:
    """A direction read from a pair of percentages, turned round where ``text`` gives the control's first."""
    if direction in FLIPPED and control_first(text):
        return FLIPPED[direction]
    return direction
