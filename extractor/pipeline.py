"""Builds the spaCy ``Language``: scientific tokenizer, sentences, then the components in order."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from .lexicons import Lexicon, load_lexicons
from .settings import get_settings

COMPONENTS = [
    ("sentencizer", {}),
    ("abbreviation_detector", {}),
    ("lexicon_matcher", {}),
    ("outcome_refiner", {}),
    ("cohort_matcher", {}),
    ("design_matcher", {}),
    ("abbreviation_linker", {}),
    ("mention_resolver", {}),
    ("citation_finder", {}),
    ("evidence_context", {}),
]


@lru_cache(maxsize=4)
def _lexicons(cache_dir: str | None, use_package: bool) -> dict[str, Lexicon]:
    return load_lexicons(Path(cache_dir) if cache_dir else None, use_package=use_package)


def shared_lexicons() -> dict[str, Lexicon]:
    """The compiled lexicons, loaded once per process and shared by every component that needs them."""
    settings = get_settings()
    return _lexicons(str(settings.cache_dir) if settings.cache_dir else None, settings.use_dictionaries)


def build_nlp(model_path: Path | None = None) -> Language:
    """Return the evidence pipeline; with ``model_path`` a statistical tagger joins the rules."""
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    from . import components  # noqa: F401  (registers the factories)

    if model_path is not None:
        from .components import transformer_tagger  # noqa: F401  (needs the model extra)

    # scispaCy's abbreviation matcher warns on every text without an abbreviation (W036).
    warnings.filterwarnings("ignore", message=r".*\[W036\]")
    nlp = spacy.blank("en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    for name, config in COMPONENTS:
        nlp.add_pipe(name, config=config)
        if name == "abbreviation_linker" and model_path is not None:
            nlp.add_pipe("transformer_tagger", config={"model_path": str(model_path)})
    return nlp
