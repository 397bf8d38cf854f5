"""Train the learned OUTCOME / INTERVENTION span model: ``python -m extractor.learn.spans train --output DIR``.

Reads ``evidence-inference/spans.jsonl`` (never the articles of ``evidence-inference/dev.jsonl``),
see :mod:`extractor.learn.span_data`, and trains ``configs/spans.cfg`` with ``spacy train``
(seeded, CPU). The best checkpoint on the seeded validation articles is kept, stripped to what
inference needs, in ``DIR``; its validation scores are returned and written to ``DIR/scores.json``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from . import train_arguments, write_scores
from .span_data import DataOptions, build_corpora

CONFIG = Path(__file__).resolve().parent / "configs" / "spans.cfg"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "weights" / "spans"


class TimeLimitReached(Exception):
    """Raised inside spaCy's training loop once ``max_minutes`` have passed; the best checkpoint stays."""


def stop_after_minutes(minutes: float | None) -> Callable[[object, dict], None]:
    started = time.monotonic()

    def check(nlp: object, args: dict) -> None:
        if minutes is not None and time.monotonic() - started > minutes * 60:
            raise TimeLimitReached(f"stopped after {minutes} minutes at step {args.get('step')}")

    return check


def _register_callbacks() -> None:
    from spacy import registry

    if "extractor.stop_after_minutes.v1" not in registry.callbacks.get_all():
        registry.callbacks.register("extractor.stop_after_minutes.v1", func=stop_after_minutes)


def step_overrides(max_steps: int | None) -> dict:
    """Stop after ``max_steps`` updates, validating (and so keeping a best checkpoint) at least four times."""
    if max_steps is None:
        return {}
    return {"training.max_steps": max_steps, "training.eval_frequency": max(1, min(500, max_steps // 4))}


def run_spacy_train(corpus_dir: Path, work_dir: Path, seed: int, max_minutes: float | None,
                    config: Path = CONFIG, max_steps: int | None = None) -> Path:
    """Run ``spacy train`` on the corpora in ``corpus_dir``; return the best checkpoint's folder."""
    from spacy.cli.train import train as spacy_train

    _register_callbacks()
    overrides = {"paths.train": str(corpus_dir / "train.spacy"), "paths.dev": str(corpus_dir / "dev.spacy"),
                 "system.seed": seed, "training.before_update.minutes": max_minutes, **step_overrides(max_steps)}
    try:
        spacy_train(config, work_dir, use_gpu=-1, overrides=overrides)
    except TimeLimitReached as stop:
        print(f"[spans] {stop}")
    best = work_dir / "model-best"
    return best if best.exists() else work_dir / "model-last"


def validation_scores(model_dir: Path, corpus_dir: Path) -> dict:
    """Span precision, recall and F1 of the model on the validation articles, overall and per label."""
    import spacy
    from spacy.training import Corpus

    nlp = spacy.load(model_dir)
    examples = list(Corpus(corpus_dir / "dev.spacy")(nlp))
    scores = nlp.evaluate(examples)
    per_label = {label: {k: round(v, 4) for k, v in prf.items()} for label, prf in scores["ents_per_type"].items()}
    return {"precision": round(scores["ents_p"], 4), "recall": round(scores["ents_r"], 4),
            "f1": round(scores["ents_f"], 4), "per_label": per_label,
            "relaxed": relaxed_scores([(e.reference, nlp(e.reference.text)) for e in examples])}


def relaxed_scores(pairs: list) -> dict:
    """P/R/F1 where a prediction matches a gold span of the same label that it overlaps (one to one)."""
    tp = fp = fn = 0
    for gold_doc, predicted_doc in pairs:
        gold = [(e.start_char, e.end_char, e.label_) for e in gold_doc.ents]
        for start, end, label in ((e.start_char, e.end_char, e.label_) for e in predicted_doc.ents):
            match = next((g for g in gold if g[2] == label and g[0] < end and start < g[1]), None)
            if match is None:
                fp += 1
            else:
                gold.remove(match)
                tp += 1
        fn += len(gold)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def export_inference_copy(model_dir: Path, output: Path) -> None:
    """Save only what inference reads: the config, vocab strings and the component weights.

    The optimizer's averages are already folded into the saved weights; the checkpoint's own
    tokenizer is left out because the component builds Docs from the pipeline's tokens.
    """
    import spacy

    nlp = spacy.load(model_dir)
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output, exclude=["tokenizer"])


def train(output: Path = DEFAULT_OUTPUT, seed: int = 0, max_minutes: float | None = None,
          options: DataOptions | None = None, config: Path = CONFIG, max_steps: int | None = None) -> dict:
    """Build the corpora, train, keep the best checkpoint in ``output``; return its validation scores."""
    options = options or DataOptions(seed=seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="spans-train-") as scratch:
        corpus_dir, work_dir = Path(scratch) / "corpus", Path(scratch) / "train"
        data = build_corpora(corpus_dir, options)
        best = run_spacy_train(corpus_dir, work_dir, seed, max_minutes, config, max_steps)
        scores = validation_scores(best, corpus_dir)
        export_inference_copy(best, Path(output))
    data.pop("validation_ids")
    report = {"validation": scores, "data": data, "seed": seed, "options": options.__dict__,
              "config": config.name, "max_steps": max_steps, "minutes": round((time.monotonic() - started) / 60, 2)}
    if options.only_gold:
        report["validation_note"] = "only gold: validated on the training passages themselves (a fit check)"
    return write_scores(output, report)


def add_data_arguments(command) -> None:
    """The span part's own options of ``python -m extractor.learn.spans train``."""
    command.add_argument("--no-passages", action="store_true", help="Leave out our non-held-out gold passages.")
    command.add_argument("--no-rule-arms", action="store_true", help="Do not mark the rules' arm drugs as INTERVENTION.")
    command.add_argument("--lab-as-outcome", action="store_true", help="With the passages, LAB_MARKER as OUTCOME.")
    command.add_argument("--no-repeats", action="store_true", help="Mark only the silver offsets, not their repeats.")
    command.add_argument("--gold", action="append", default=[], metavar="FILE",
                         help="A gold JSONL file (e.g. GET /export?format=gold) to train on too; repeatable.")
    command.add_argument("--curated-weight", type=int, default=DataOptions.curated_weight,
                         help="Times a curated passage is repeated in the training data.")
    command.add_argument("--passage-weight", type=int, default=DataOptions.passage_weight,
                         help="Times each of our non-held-out gold passages is repeated in the training data.")
    command.add_argument("--gold-weight", type=int, default=DataOptions.gold_weight,
                         help="Times a --gold passage without a \"curated\" mark is repeated.")
    command.add_argument("--only-gold", action="store_true", help="Train on the --gold files alone (quick).")
    command.add_argument("--max-steps", type=int, default=None, help="Stop after this many updates.")


def main(argv: list[str] | None = None) -> None:
    parser, command = train_arguments("spans", "Train the learned span model.", DEFAULT_OUTPUT, CONFIG)
    add_data_arguments(command)
    args = parser.parse_args(argv)
    if args.only_gold and (not args.gold or args.output == DEFAULT_OUTPUT):
        parser.error("--only-gold needs --gold files and an --output other than the shipped weights")
    if min(args.curated_weight, args.passage_weight, args.gold_weight) < 1:
        parser.error("--curated-weight, --passage-weight and --gold-weight must be at least 1")
    options = DataOptions(seed=args.seed, include_passages=not args.no_passages, rule_arms=not args.no_rule_arms,
                          lab_marker_as_outcome=args.lab_as_outcome, mark_repeats=not args.no_repeats,
                          gold_files=tuple(args.gold), curated_weight=args.curated_weight, only_gold=args.only_gold,
                          passage_weight=args.passage_weight, gold_weight=args.gold_weight)
    report = train(args.output, args.seed, args.max_minutes, options, args.config, args.max_steps)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
