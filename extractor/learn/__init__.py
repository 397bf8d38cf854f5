"""Learned parts of the pipeline, trained from real annotated text (``extractor train ...``)."""

from __future__ import annotations

import gc
import json
from argparse import ArgumentParser
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
    # The saved tokenizer is spaCy's default English one (the parts train on Docs of plain text), which
    # the pipeline builds from its config anyway; reading it from disk again took half of the load.
    nlp = spacy.load(folder, exclude=["tokenizer"])
    # A trained part lives as long as the process, and so do the pipeline and lexicons loaded before it:
    # moving them to the collector's permanent generation spares every full collection a scan of some
    # 100,000 objects (measured, 60-80 ms per 13,000 words of the default pipeline). Only cyclic garbage
    # already present stays uncollected; the objects are still freed by reference counting.
    gc.freeze()
    return nlp


def write_scores(output: Path, report: dict) -> dict:
    """Keep a training run's figures beside its weights (``scores.json``) and return them."""
    (Path(output) / "scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def train_arguments(part: str, summary: str, default_output: Path, config: Path) -> tuple[ArgumentParser, ArgumentParser]:
    """``python -m extractor.learn.PART train`` with the options every part takes (output, seed, config,
    time limit); returns the parser and the ``train`` sub-parser for the part's own options."""
    parser = ArgumentParser(prog=f"python -m extractor.learn.{part}")
    command = parser.add_subparsers(dest="command", required=True).add_parser("train", help=summary)
    command.add_argument("--output", type=Path, default=default_output)
    command.add_argument("--seed", type=int, default=0)
    command.add_argument("--config", type=Path, default=config)
    command.add_argument("--max-minutes", type=float, default=None)
    return parser, command
