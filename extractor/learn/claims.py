"""Train the claim textcat: ``python -m extractor.learn.claims train --output DIR``.

Reads ``evidence-inference/evidence.jsonl`` and ``spans.jsonl`` (never the articles of
``evidence-inference/dev.jsonl``) and our passages that are not held out, see
:mod:`extractor.learn.claim_data`; trains ``configs/claims.cfg`` with ``spacy train`` (seeded, CPU)
and keeps the best checkpoint on the seeded validation articles in ``DIR``, with its validation
figures in ``DIR/scores.json``. Runtime use: :class:`extractor.claims.ClaimScorer`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..claims import CLAIM_LABELS, DEFAULT_WEIGHTS, MARKING, MARKINGS
from .claim_data import DataOptions, build_corpora
from . import train_arguments, write_scores
from .textcat import train_textcat

CONFIG = Path(__file__).resolve().parent / "configs" / "claims.cfg"


def train(output: Path = DEFAULT_WEIGHTS, seed: int = 0, config: Path = CONFIG,
          options: DataOptions | None = None, max_minutes: float | None = None) -> dict:
    """Train the claim model into ``output``; return its validation figures and what it read."""
    options = options or DataOptions(seed=seed)
    report = train_textcat(Path(output), config, seed, lambda folder: build_corpora(folder, options),
                           CLAIM_LABELS, max_minutes)
    report["options"] = asdict(options)
    return write_scores(output, report)


def main(argv: list[str] | None = None) -> None:
    parser, command = train_arguments("claims", "Train the claim textcat.", DEFAULT_WEIGHTS, CONFIG)
    command.add_argument("--marking", choices=MARKINGS, default=MARKING)
    command.add_argument("--no-wrong-pairs", action="store_true", help="Leave out the wrong-pair 'none' examples.")
    command.add_argument("--swap-arms", action="store_true", help="Add arm-swapped examples, direction flipped.")
    args = parser.parse_args(argv)
    options = DataOptions(seed=args.seed, marking=args.marking, wrong_pairs=not args.no_wrong_pairs, swap_arms=args.swap_arms)
    print(json.dumps(train(args.output, args.seed, args.config, options, args.max_minutes), indent=2))


if __name__ == "__main__":
    main()
