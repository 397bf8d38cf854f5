"""Train the sentence-role textcat: ``python -m extractor.learn.roles train --output DIR``.

Reads the structured abstracts of ``evidence-inference/spans.jsonl`` (never the articles of
``evidence-inference/dev.jsonl``), see :mod:`extractor.learn.role_data`, and trains
``configs/roles.cfg`` with ``spacy train`` (seeded, CPU). The best checkpoint on the seeded
validation articles is kept in ``DIR`` with its validation figures in ``DIR/scores.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..components.roles import DEFAULT_WEIGHTS, ROLES
from .role_data import build_corpora
from . import train_arguments, write_scores
from .textcat import train_textcat

CONFIG = Path(__file__).resolve().parent / "configs" / "roles.cfg"


def train(output: Path = DEFAULT_WEIGHTS, seed: int = 0, config: Path = CONFIG,
          max_minutes: float | None = None) -> dict:
    """Train the role model into ``output``; return its validation figures and what it read."""
    report = train_textcat(Path(output), config, seed, lambda folder: build_corpora(folder, seed), ROLES, max_minutes)
    return write_scores(output, report)


def main(argv: list[str] | None = None) -> None:
    parser, command = train_arguments("roles", "Train the sentence-role textcat.", DEFAULT_WEIGHTS, CONFIG)
    args = parser.parse_args(argv)
    print(json.dumps(train(args.output, args.seed, args.config, args.max_minutes), indent=2))


if __name__ == "__main__":
    main()
