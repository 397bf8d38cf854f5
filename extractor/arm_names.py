"""Whether a non-drug arm phrase names a treatment at all.

The learned INTERVENTION spans and the result grammar's arm phrases sometimes cut a fragment out of a
sentence rather than an arm's name: a degree or statistics word ("significant", "substantial within"),
a count of arms ("two internet-based", "one of the three interfaces"), a quantifier ("such
approaches", "more fluid", "different strategies"), a dose unit left without its drug ("mg treatment")
a number ("55.8±7.1 years") or a bare dose ("0.5-ml dose"). Such a phrase is no arm: it would otherwise be offered to the arm
scorer (:mod:`extractor.arms`) and become a record's intervention.
"""

from __future__ import annotations

import re

from .lexicons.vocabulary import words

# First words that make an arm phrase a fragment, not a name (after leading determiners are cut).
NOT_A_NAME_LEAD = words("arm_fragment_leads")
# Words that never stand inside an arm's name: an article inside the phrase joins two phrases.
INNER_BREAKS = words("arm_inner_breaks")
DOSE_HEADS = words("dose_heads")
LETTER_WORD = re.compile(r"[a-z]{3}")

# "<head> of <arm>": words naming an amount, a way or an effect of giving the arm, not the arm itself.
OF_HEADS = words("arm_of_heads")
# Words after which an arm phrase names its arm ("place either the i-gel", "receiving both the ...").
INNER_LEADS = words("arm_inner_leads")


def trim_arm_name(name: str) -> str:
    """The arm an arm phrase names: past "<head> of" ("weekly session of hydrotherapy" -> hydrotherapy)
    and past an inner "either"/"the" ("place either the i-gel" -> i-gel)."""
    parts = name.split()
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] in INNER_LEADS or parts[i] == "of" and i > 0 and parts[i - 1] in OF_HEADS:
            return " ".join(parts[i + 1:])
    return name


def is_arm_name(name: str) -> bool:
    """Whether ``name`` (an arm phrase, lower-cased, leading determiners cut) can name a treatment arm."""
    parts = name.split()
    if not parts or parts[0] in NOT_A_NAME_LEAD or INNER_BREAKS.intersection(parts[1:]):
        return False
    if parts[0][0].isdigit() and parts[-1] in DOSE_HEADS:
        return False  # "0.5-ml dose": a dose, which every arm of a dose trial names
    return "±" not in name and bool(LETTER_WORD.search(name))
