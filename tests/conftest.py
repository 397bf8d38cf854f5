from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpora" / "dev.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def seed_passage() -> dict:
    """The seed passage from ../shared (never copied into the project); skips where it is absent."""
    if not DEV.exists():
        pytest.skip("../shared/corpora/dev.jsonl is not beside the project")
    for line in DEV.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        if data["id"] == "seed-heparin-01":
            return data
    pytest.skip("seed-heparin-01 not in the dev file")
