"""The shared word lists of ``vocabulary.json``: read once per process, each list defined in one place."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).parent / "vocabulary.json"


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {name: value for name, value in data.items() if not name.startswith("_")}


def word_list(name: str) -> list[str]:
    """A named list in its written order (for regular expressions built from it)."""
    return list(_vocabulary()[name])


def words(*names: str) -> frozenset[str]:
    """The words of one or more named lists, as a set."""
    return frozenset(word for name in names for word in _vocabulary()[name])


def word_groups(name: str) -> dict[str, str]:
    """A named table of groups ({"decrease": [words], ...}) as word -> group."""
    return {word: group for group, members in _vocabulary()[name].items() for word in members}
