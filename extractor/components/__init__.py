"""spaCy components of the evidence pipeline, one concern a file.

Importing this package registers every factory with spaCy.
"""

from . import (  # noqa: F401
    abbreviations, citations, claim_detector, cohorts, compounds, context, designs, entity_patterns, learned_spans, lexicon_matcher, outcomes,
    result_phrases, resolver, roles, sentencizer,
)
