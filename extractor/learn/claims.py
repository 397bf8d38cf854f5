"""Train the claim textcat: ``python -m extractor.learn.claims train --output DIR``.

Reads ``evidence-inference/evidence.jsonl`` and ``spans.jsonl`` (never the articles of
``evidence-inference/dev.jsonl``) and our passages that are not held out, see
:mod:`extractor.learn.claim_data`; trains ``configs/claims.cfg`` with ``spacy train`` (seeded, CPU)
and keeps the best checkpoint on the seeded validation articles in ``DIR``, with its validation
figures in ``DIR/scores.json``. Runtime use: :class:`extractor.claims.ClaimScorer`.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from ..claims import CLAIM_LABELS, DEFAULT_WEIGHTS, MARKING, MARKINGS
from .claim_data import DataOptions, build_corpora
from .textcat import train_textcat

CONFIG = Path(__file__).resolve().parent / "configs" / "claims.cfg"


def train(output: Path = DEFAULT_WEIGHTS, seed: int = 0, config: Path = CONFIG,
          options: DataOptions | None = None, max_minutes: float | None = None) -> dict:
    """Train the claim model into ``output``; return its validation figures and what it read."""
    options = options or DataOptions(seed=seed)
    report = train_textcat(Path(output), config, seed, lambda folder: build_corpora(folder, options),
                           CLAIM_LABELS, max_minutes)
    report["options"] = asdict(options)
    (Path(output) / "scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m extractor.learn.claims")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("train", help="Train the claim textcat.")
    command.add_argument("--output", type=Path, default=DEFAULT_WEIGHTS)
    command.add_argument("--seed", type=int, default=0)
    command.add_argument("--config", type=Path, default=CONFIG)
    command.add_argument("--max-minutes", type=float, default=None)
    command.add_argument("--marking", choices=MARKINGS, default=MARKING)
    command.add_argument("--no-wrong-pairs", action="store_true", help="Leave out the wrong-pair 'none' examples.")
    command.add_argument("--swap-arms", action="store_true", help="Add arm-swapped examples, direction flipped.")
    args = parser.parse_args(argv)
    options = DataOptions(seed=args.seed, marking=args.marking, wrong_pairs=not args.no_wrong_pairs, swap_arms=args.swap_arms)
    print(json.dumps(train(args.output, args.seed, args.config, options, args.max_minutes), indent=2))


if __name__ == "__main__":
    main()
