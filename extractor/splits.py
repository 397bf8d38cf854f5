"""Held-out splits, fixed by a hash of each passage or article id so that they never move.

A third of every measuring corpus (Evidence Inference dev abstracts, our own passages) is held out:
nobody reads its errors or tunes on it; figures on it are reported, never chased. Training never
reads an article of ``evidence-inference/dev.jsonl`` at all (those ids are excluded by
:func:`ei_training_excluded`).
"""

from __future__ import annotations

import hashlib
import re

SPLITS = ("heldout", "tune", "all")


def is_held_out(passage_id: str) -> bool:
    """True for the third of ids whose SHA-1 is divisible by three."""
    digest = hashlib.sha1(str(passage_id).encode("utf-8")).hexdigest()
    return int(digest, 16) % 3 == 0


def in_split(passage_id: str | None, split: str) -> bool:
    """Whether a passage belongs to ``split`` ("heldout", "tune" or "all")."""
    if split == "all":
        return True
    held = passage_id is not None and is_held_out(passage_id)
    return held if split == "heldout" else not held


def ei_article_id(pmcid: str | int) -> str:
    """The dev.jsonl id of an Evidence Inference article ("ei-PMC" + pmcid)."""
    text = str(pmcid)
    return text if text.startswith("ei-") else "ei-PMC" + re.sub(r"^PMC", "", text)
