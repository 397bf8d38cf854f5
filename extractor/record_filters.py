"""Records that state no result about a measured thing, dropped after the records are built.

Trial reports compare their arms' baseline ("the groups did not differ in demographic data") and
name classes of outcomes ("no difference in the secondary outcomes", "efficacy variables"): neither
is a result about something measured. An outcome phrase that opens with a conjunction or a
preposition ("and the middle tertiles", "of the immune parameters") is a fragment cut from a list,
not an outcome's name.
"""

from __future__ import annotations

import re

from .schema import EvidenceRecord

BASELINE = re.compile(r"\b(?:demographics?|(?:baseline|patient|participant|clinical) characteristics|characteristics)\b")
OUTCOME_CLASS = re.compile(
    r"^(?:the )?(?:(?:primary|secondary|other|efficacy|safety|main)\s+)?"
    r"(?:outcomes?|outcome measures?|end ?points?|variables|measures|parameters)$")
FRAGMENT_LEAD = re.compile(r"^(?:and|or|but|nor|with|of|in|to|for)\s")


def is_result_outcome(outcome: str | None) -> bool:
    """Whether an outcome name (lower-cased) can be the measured thing of a result."""
    name = (outcome or "").strip().lower()
    return bool(name) and not (BASELINE.search(name) or OUTCOME_CLASS.match(name) or FRAGMENT_LEAD.match(name))


def drop_non_results(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """The records whose outcome names a measured thing (see the module docstring)."""
    return [r for r in records if is_result_outcome(r.outcome)]
