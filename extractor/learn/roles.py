"""Train the sentence-role textcat: ``python -m extractor.learn.roles train --output DIR``.

Reads the structured abstracts of ``evidence-inference/spans.jsonl`` (never the articles of
``evidence-inference/dev.jsonl``), see :mod:`extractor.learn.role_data`, and trains
``configs/roles.cfg`` with ``spacy train`` (seeded, CPU). The best checkpoint on the seeded
validation articles is kept in ``DIR`` with its validation figures in ``DIR/scores.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..components.roles import DEFAULT_WEIGHTS, ROLES
from .role_data import build_corpora
from .textcat import train_textcat

CONFIG = Path(__file__).resolve().parent / "configs" / "roles.cfg"


def train(output: Path = DEFAULT_WEIGHTS, seed: int = 0, config: Path = CONFIG,
          max_minutes: float | None = None) -> dict:
    """Train the role model into ``output``; return its validation figures and what it read."""
    report = train_textcat(Path(output), config, seed, lambda folder: build_corpora(folder, seed), ROLES, max_minutes)
    (Path(output) / "scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m extractor.learn.roles")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("train", help="Train the sentence-role textcat.")
    command.add_argument("--output", type=Path, default=DEFAULT_WEIGHTS)
    command.add_argument("--seed", type=int, default=0)
    command.add_argument("--config", type=Path, default=CONFIG)
    command.add_argument("--max-minutes", type=float, default=None)
    args = parser.parse_args(argv)
    print(json.dumps(train(args.output, args.seed, args.config, args.max_minutes), indent=2))


if __name__ == "__main__":
    main()
