"""bench/outcome_silver.py: the split, the head of a phrase and how mentions cover it.

Every phrase here was written for the test.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "outcome_silver.py"
spec = importlib.util.spec_from_file_location("outcome_silver", BENCH)
silver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(silver)


def head_of(text: str) -> str | None:
    found = silver.head_span(text, 0, len(text))
    return text[found[0]: found[1]] if found else None


def test_the_head_is_the_last_content_word_before_a_time_frame_an_aside_or_a_qualifier():
    assert head_of("mean heel pain scores at 6 weeks") == "scores"
    assert head_of("length of stay in the burns unit (BU)") == "stay"
    assert head_of("blisters per patient") == "blisters"
    assert head_of("the number of falls") == "falls"
    assert head_of("the") is None


def test_the_halves_are_fixed_and_both_used():
    ids = [f"ei-PMC{n}" for n in range(200)]
    halves = [silver.half(i) for i in ids]
    assert halves == [silver.half(i) for i in ids]
    assert set(halves) == {"read", "check"}


def mention(start, end, label="OUTCOME"):
    return {"start": start, "end": end, "label": label, "text": ""}


def test_a_phrase_is_classed_by_how_the_mentions_cover_it():
    text = "mean heel pain scores"
    head = silver.head_span(text, 0, len(text))
    assert silver.classify((0, 21), head, [mention(0, 21)])["kind"] == "exact"
    covered = silver.classify((0, 21), head, [mention(5, 21)])
    assert covered["kind"] == "boundary" and covered["head"] and covered["overlap"]
    lab = silver.classify((0, 21), head, [mention(5, 9, "LAB_MARKER")])
    assert lab["kind"] == "other_label:LAB_MARKER" and lab["with_lab"] and not lab["overlap"]
    assert silver.classify((0, 21), head, [])["kind"] == "untagged"
