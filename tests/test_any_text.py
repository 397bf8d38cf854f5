"""Any text the service accepts extracts without an error: property tests over arbitrary Unicode."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEADINGS = ["Results:", "RESULTS", "Methods:", "Reſults:", "İNTRODUCTION:", "Conclusions —"]
WORDS = ["aspirin", "reduced", "mortality", "(38)", "n=620", "p < 0.05", "95% CI 0.6-1.0", "vs", "placebo",
         "29.1%", "patients", "ſ", "İ", "\u0130", "\u212a", "ﬁ", "\u00a0", "\u200b", "\ufeff", "\n\n", "  "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=400))
def test_arbitrary_unicode_extracts(pipeline, text):
    extraction = pipeline.extract(text)
    for mention in extraction.entities:
        assert text[mention.start:mention.end] == mention.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(HEADINGS + WORDS) | st.text(max_size=8), max_size=60))
def test_clinical_looking_fragments_extract(pipeline, parts):
    text = " ".join(parts)
    extraction = pipeline.extract(text)
    for record in extraction.records:
        assert record.intervention and record.outcome
