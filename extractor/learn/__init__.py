"""Learned parts of the pipeline, trained from real annotated text (``extractor train ...``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_trained(path: str, part: str) -> "Language":
    """A trained spaCy pipeline folder, loaded once per process; where none was trained there, the error
    names the command that trains it (``part``: spans, roles or claims)."""
    import spacy

    folder = Path(path)
    if not (folder / "config.cfg").exists():
        raise FileNotFoundError(f"no {part} model in {folder}: run `extractor train {part} --output {folder}`")
    return spacy.load(folder)
