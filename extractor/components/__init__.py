"""spaCy components of the evidence pipeline, one concern a file.

Importing this package registers every factory with spaCy.
"""

from . import abbreviations, citations, cohorts, context, designs, lexicon_matcher, outcomes, resolver  # noqa: F401
