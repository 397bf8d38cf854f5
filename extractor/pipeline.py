"""Builds the spaCy ``Language``: scientific tokenizer, sentences, then the components in order."""

from __future__ import annotations

import gc
import sys
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .lexicons import Lexicon, load_lexicons
from .settings import get_settings

if TYPE_CHECKING:
    from spacy.language import Language

COMPONENTS = [
    ("drug_compound_splitter", {}),
    ("slash_list_splitter", {}),
    ("sentencizer", {}),
    ("sentence_roles", {}),
    ("bounded_abbreviation_detector", {}),
    ("lexicon_matcher", {}),
    ("outcome_refiner", {}),
    ("cohort_matcher", {}),
    ("design_matcher", {}),
    ("entity_patterns", {}),
    ("abbreviation_linker", {}),
    ("mention_resolver", {}),
    ("learned_spans", {}),
    ("result_phrases", {}),
    ("citation_finder", {}),
    ("evidence_context", {}),
    ("claim_detector", {}),
]

# Pipe names built by a factory of another name: the same decisions, made faster
# (components/sentencizer.py gives spaCy's sentence starts without a Token object per token).
FACTORIES = {"sentencizer": "word_list_sentencizer"}

# Components that read trained weights; ``Settings.rules_only`` leaves them out.
LEARNED_COMPONENTS = {"learned_spans", "sentence_roles", "claim_detector"}
# Learned components that are off unless asked for (``Settings.learned_spans``): measured, the span
# model adds 0.02 Evidence Inference prompt recall for 40% of the pipeline's speed (README, "Learned spans").
OPT_IN_COMPONENTS = {"learned_spans"}
# Without ``Settings.learned_spans`` the span model still reads the sentences that report a test but
# hold no outcome mention (about one in ten sentences of a trial abstract), for OUTCOME spans only:
# measured, EI tune recall 0.374 -> 0.384 at a fraction of the full model's cost (README, "Learned spans").
UNTARGETED_SPANS = {"untargeted_only": True, "labels": ["OUTCOME"]}


def pipeline_components(rules_only: bool, learned_spans: bool = False) -> list[tuple[str, dict]]:
    """The components to build, in order; without the learned ones when ``rules_only``, and with the
    learned span model only when ``learned_spans``."""
    leave_out = LEARNED_COMPONENTS if rules_only else set()
    chosen = []
    for name, config in COMPONENTS:
        if name in leave_out:
            continue
        if name in OPT_IN_COMPONENTS and not learned_spans:
            config = {**config, **UNTARGETED_SPANS}
        chosen.append((name, config))
    return chosen


@lru_cache(maxsize=4)
def _lexicons(cache_dir: str | None, use_package: bool) -> dict[str, Lexicon]:
    return load_lexicons(Path(cache_dir) if cache_dir else None, use_package=use_package)


def shared_lexicons() -> dict[str, Lexicon]:
    """The compiled lexicons, loaded once per process and shared by every component that needs them."""
    settings = get_settings()
    return _lexicons(str(settings.cache_dir) if settings.cache_dir else None, settings.use_dictionaries)


@contextmanager
def _spacy_without_torch(needed: bool) -> Iterator[None]:
    """Import spaCy without letting thinc import torch, unless the model needs it.

    thinc imports torch whenever it is installed (about 1 s and 200 MB per process) although the
    rules never use it; hiding torch during spaCy's first import keeps a rules-only process small
    even where the ``model`` extra is installed. torch stays importable afterwards.
    """
    if needed or "spacy" in sys.modules or "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" raise ImportError
    try:
        yield
    finally:
        del sys.modules["torch"]


def scientific_blank() -> "Language":
    """A blank English pipeline with scispaCy's tokenizer: the tokens every component and model sees."""
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    from .lexemes import fast_getters
    from .tokenizer import BoundedTokenizer  # imports spaCy: only after build_nlp has hidden torch

    nlp = spacy.blank("en")
    # new words become lexemes; their attributes come from faster getters with the same values
    nlp.vocab.lex_attr_getters = fast_getters(nlp.vocab.lex_attr_getters)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        inner = combined_rule_tokenizer(nlp)
    inner.infix_finditer = with_superscript_citations(inner.infix_finditer)
    inner.suffix_search = with_unit_full_stops(inner.suffix_search)
    nlp.tokenizer = BoundedTokenizer(inner)
    return nlp


# Reference numbers glued to the word or stop before them, as text taken from superscripts reads
# ("shock.22 However", "patients,12,13 and"): the punctuation is split off so the numbers stand alone.
SUPERSCRIPT_INFIX = r"(?<=[a-z\)\]])[.,;:](?=\d{1,3}(?:[,\u2013-]\d{1,3})*$)"


def with_superscript_citations(finditer):
    """The tokenizer's infix search with :data:`SUPERSCRIPT_INFIX` added."""
    import re

    return re.compile(f"{finditer.__self__.pattern}|{SUPERSCRIPT_INFIX}").finditer


# A full stop after a word that ends in a capital after a small letter or a slash: a unit or a marker
# closing its sentence ("1,600 mL.", "0.19 mmol/L.", "total IgE."), which the tokenizer otherwise keeps
# inside the word, so that the sentence runs on into the next one. Abbreviations with inner stops
# ("U.S.", "Ph.D.") and words ending in a small letter ("Dr.", "vs.") are untouched.
UNIT_FULL_STOP_SUFFIX = r"(?<=[a-z/][A-Z])\.$"


def with_unit_full_stops(search):
    """The tokenizer's suffix search with :data:`UNIT_FULL_STOP_SUFFIX` added (its own pattern holds a
    character class that Python's re warns of as a possible future set operation)."""
    import re

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile(f"{search.__self__.pattern}|{UNIT_FULL_STOP_SUFFIX}").search


def build_nlp(model_path: Path | None = None, rules_only: bool | None = None,
              learned_spans: bool | None = None) -> "Language":
    """Return the evidence pipeline; with ``model_path`` a statistical tagger joins the rules.

    ``rules_only`` (default: ``Settings.rules_only``) leaves out the learned components;
    ``learned_spans`` (default: ``Settings.learned_spans``) adds the learned span model.
    """
    with _spacy_without_torch(needed=model_path is not None):
        import spacy  # noqa: F401  (first import here, so thinc does not pull in torch)
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)
    from . import components  # noqa: F401  (registers the factories)

    if model_path is not None:
        from .components import transformer_tagger  # noqa: F401  (needs the model extra)

    # scispaCy's abbreviation matcher warns on every text without an abbreviation (W036).
    warnings.filterwarnings("ignore", message=r".*\[W036\]")
    nlp = scientific_blank()
    settings = get_settings()
    rules_only = settings.rules_only if rules_only is None else rules_only
    learned_spans = settings.learned_spans if learned_spans is None else learned_spans
    for name, config in pipeline_components(rules_only, learned_spans):
        if name == "learned_spans" and settings.merge_learned_outcomes:
            config = {**config, "merge_outcomes": True}
        nlp.add_pipe(FACTORIES.get(name, name), name=name, config=config)
        if name == "abbreviation_linker" and model_path is not None:
            nlp.add_pipe("transformer_tagger", config={"model_path": str(model_path)})
    # The lexicons and the pipeline are millions of objects that live as long as the process: kept out
    # of the garbage collector's full collections, each of which would otherwise walk them all again.
    gc.freeze()
    return nlp
