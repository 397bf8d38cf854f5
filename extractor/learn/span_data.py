"""Training data for the learned span model: sentences with OUTCOME and INTERVENTION spans, as DocBins.

Sources:
- ``evidence-inference/spans.jsonl`` (silver, partial): the doctors' prompt phrases found verbatim in
  real trial abstracts. Roles intervention and comparator both become INTERVENTION (they are the
  arms); outcome becomes OUTCOME. Articles of ``evidence-inference/dev.jsonl`` are never read.
  Because many outcomes of an abstract are unmarked, only sentences holding a marked span are kept,
  and a marked phrase is also marked where it recurs verbatim in the same abstract.
- ``corpora/passages.jsonl`` (gold, optional): the passages that are not held out, with OUTCOME
  (optionally LAB_MARKER as OUTCOME) and as INTERVENTION the DRUG mentions a record names as its
  intervention.
- gold files given with ``--gold`` (gold, optional), such as the curation service's
  ``GET /export?format=gold``: mapped like the passages. A passage marked ``"curated": true`` is
  repeated ``curated_weight`` times, so that a handful of corrections weigh against thousands of
  silver sentences; one marked ``"curated": false`` is the pipeline's own unchecked output and is
  left out; one without the mark (a hand-made gold file) counts once. With ``only_gold`` the gold
  files are the whole training set, and also the validation set (a fit check, nothing held back).

Every text is tokenized by the project's scispaCy tokenizer and split by the pipeline's sentencizer,
so the model sees exactly the tokens it will be given at run time.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..evaluate import read_gold_lines
from ..lexicons.vocabulary import words
from ..splits import is_held_out

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parents[2]
EI_DIR = ROOT.parent / "shared" / "external" / "evidence-inference"
SILVER = EI_DIR / "spans.jsonl"
EI_DEV = EI_DIR / "dev.jsonl"
PASSAGES = ROOT / "corpora" / "passages.jsonl"
HELD_OUT_FILE = ROOT / "corpora" / "heldout.jsonl"

ROLE_LABELS = {"intervention": "INTERVENTION", "comparator": "INTERVENTION", "outcome": "OUTCOME"}
LABELS = ("OUTCOME", "INTERVENTION")
# Comparator phrases that name a time point, not an arm ("compared with baseline").
NOT_ARMS = words("comparator_time_points")


@dataclass(frozen=True)
class DataOptions:
    """What goes into the training set (each choice measured, see README "Learned spans")."""

    validation_share: float = 0.1
    seed: int = 0
    include_passages: bool = True
    lab_marker_as_outcome: bool = False
    mark_repeats: bool = True
    rule_outcomes: bool = True
    rule_arms: bool = True
    gold_files: tuple[str, ...] = ()
    curated_weight: int = 5
    only_gold: bool = False
    # Times each review-style gold passage is repeated: ours (``passage_weight``) and those of gold files
    # without a "curated" mark (``gold_weight``), so that ANNOTATION.md boundaries weigh against the silver.
    passage_weight: int = 1
    gold_weight: int = 1


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def excluded_article_ids(dev_path: Path = EI_DEV) -> set[str]:
    """Ids of the Evidence Inference measuring bed: training never reads these articles."""
    if not dev_path.exists():
        raise FileNotFoundError(f"{dev_path} is needed to know which articles training must not read")
    return {row["id"] for row in read_jsonl(dev_path)}


def silver_articles(path: Path = SILVER, dev_path: Path = EI_DEV) -> list[dict]:
    excluded = excluded_article_ids(dev_path)
    return [row for row in read_jsonl(path) if row["id"] not in excluded]


def split_by_article(ids: Iterable[str], share: float, seed: int) -> tuple[set[str], set[str]]:
    """(train ids, validation ids): a seeded shuffle of the sorted ids, ``share`` of them for validation."""
    ordered = sorted(set(ids))
    random.Random(seed).shuffle(ordered)
    cut = round(len(ordered) * share)
    return set(ordered[cut:]), set(ordered[:cut])


def tokenizer_pipeline(rule_outcomes: bool) -> "Language":
    """The project's tokenizer and sentencizer; with ``rule_outcomes`` the whole rule pipeline."""
    from ..pipeline import build_nlp, scientific_blank

    if rule_outcomes:
        return build_nlp(rules_only=True)
    nlp = scientific_blank()
    nlp.add_pipe("sentencizer")
    return nlp


def rule_outcome_spans(doc: "Doc") -> list[tuple[int, int, str]]:
    """The rules' OUTCOME mentions: they fill in outcomes the silver phrases leave unmarked."""
    return [(e.start_char, e.end_char, "OUTCOME") for e in doc.ents if e.label_ == "OUTCOME"]


def rule_arm_spans(doc: "Doc", article: dict) -> list[tuple[int, int, str]]:
    """The rules' DRUG mentions that name an arm the doctors wrote for this abstract, as INTERVENTION.

    The silver marks an arm phrase once (and its verbatim repeats); the same drug named on its own
    elsewhere ("diclofenac" beside "50 mg diclofenac sodium") would otherwise teach the model that
    it is not an arm.
    """
    arms = " ".join(item["text"].lower() for item in article["spans"] if ROLE_LABELS[item["role"]] == "INTERVENTION")
    return [(e.start_char, e.end_char, "INTERVENTION") for e in doc.ents
            if e.label_ == "DRUG" and re.search(r"(?<!\w)" + re.escape(e.text.lower()) + r"(?!\w)", arms)]


def repeated_occurrences(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Character offsets of every case-insensitive, whole-word occurrence of ``phrase`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.I)
    for match in pattern.finditer(text):
        yield match.start(), match.end()


def silver_char_spans(article: dict, mark_repeats: bool) -> list[tuple[int, int, str]]:
    spans = []
    for item in article["spans"]:
        label = ROLE_LABELS[item["role"]]
        if label == "INTERVENTION" and item["text"].strip().lower() in NOT_ARMS:
            continue
        spans.append((item["start"], item["end"], label))
        if mark_repeats and item["text"].strip():
            spans += [(start, end, label) for start, end in repeated_occurrences(article["text"], item["text"])]
    return spans


def gold_char_spans(passage: dict, lab_marker_as_outcome: bool) -> list[tuple[int, int, str]]:
    """OUTCOME (and with ``lab_marker_as_outcome`` LAB_MARKER) as OUTCOME; a DRUG whose name (its norm's,
    else its text) a record gives as the intervention as INTERVENTION; other labels are not learned."""
    interventions = {str(r.get("intervention") or "").lower() for r in passage.get("records", [])}
    outcome_labels = {"OUTCOME", "LAB_MARKER"} if lab_marker_as_outcome else {"OUTCOME"}
    spans = []
    for entity in passage.get("entities", []):
        name = str((entity.get("norm") or {}).get("name") or entity.get("text", "")).lower()
        if entity["label"] in outcome_labels:
            spans.append((entity["start"], entity["end"], "OUTCOME"))
        elif entity["label"] == "DRUG" and name in interventions:
            spans.append((entity["start"], entity["end"], "INTERVENTION"))
    return spans


def token_spans(doc: "Doc", char_spans: Iterable[tuple[int, int, str]]) -> list["Span"]:
    """Char offsets to non-overlapping token spans (expanded to whole tokens; the longest wins)."""
    from spacy.util import filter_spans

    spans = []
    for start, end, label in char_spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span) > 0:
            spans.append(span)
    return filter_spans(spans)


def sentence_docs(doc: "Doc", spans: list["Span"], anchors: list["Span"] | None) -> Iterator["Doc"]:
    """One Doc per sentence, built from the sentence's own tokens, with its spans as entities.

    With ``anchors``, only the sentences holding one of them are kept.
    """
    from spacy.tokens import Doc, Span

    for sentence in doc.sents:
        inside = [s for s in spans if s.start >= sentence.start and s.end <= sentence.end]
        if anchors is not None and not any(sentence.start <= a.start < sentence.end for a in anchors):
            continue
        words = [t.text for t in sentence]
        spaces = [bool(t.whitespace_) for t in sentence]
        spaces[-1] = False
        sent_doc = Doc(doc.vocab, words=words, spaces=spaces)
        sent_doc.ents = [Span(sent_doc, s.start - sentence.start, s.end - sentence.start, label=s.label_)
                         for s in inside]
        yield sent_doc


def silver_docs(nlp: "Language", articles: list[dict], mark_repeats: bool, rule_arms: bool = False) -> Iterator["Doc"]:
    """Sentences holding a silver span; the silver phrases win over rule mentions they overlap."""
    texts = ((a["text"], a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=64):
        silver = token_spans(doc, silver_char_spans(article, mark_repeats))
        taken = {i for span in silver for i in range(span.start, span.end)}
        rule_spans = rule_outcome_spans(doc) + (rule_arm_spans(doc, article) if rule_arms else [])
        rules = [s for s in token_spans(doc, rule_spans) if taken.isdisjoint(range(s.start, s.end))]
        yield from sentence_docs(doc, sorted(silver + rules, key=lambda s: s.start), anchors=silver)


def passage_docs(nlp: "Language", passages: list[tuple[dict, int]], lab_marker_as_outcome: bool) -> Iterator["Doc"]:
    """Gold passages mark every outcome, so every sentence of them is kept, each passage's ``copies`` times."""
    texts = ((p["text"], (p, copies)) for p, copies in passages)
    for doc, (passage, copies) in nlp.pipe(texts, as_tuples=True, batch_size=64):
        sentences = list(sentence_docs(doc, token_spans(doc, gold_char_spans(passage, lab_marker_as_outcome)),
                                       anchors=None))
        for _ in range(copies):
            yield from sentences


def tune_passages(path: Path = PASSAGES) -> list[dict]:
    """Our gold passages that are not held out (held-out ones are never trained on)."""
    return [row for row in read_jsonl(path) if not is_held_out(row["id"])] if path.exists() else []


def held_out_ids(path: Path = PASSAGES) -> set[str]:
    """Ids of our held-out passages (from their ids alone): a gold file must not bring them into training."""
    return {row["id"] for row in read_jsonl(path) if is_held_out(row["id"])} if path.exists() else set()


def passage_copies(line: dict, curated_weight: int, gold_weight: int = 1) -> int:
    """How often a gold file's passage is trained on: curated ``curated_weight`` times, never for the
    pipeline's unchecked output (``"curated": false``), ``gold_weight`` times for a passage without the mark."""
    curated = line.get("curated")
    if curated is True:
        return curated_weight
    return 0 if curated is False else gold_weight


def gold_file_passages(paths: Iterable[str], curated_weight: int, gold_weight: int = 1) -> tuple[list[tuple[dict, int]], dict]:
    """(passage, copies) for the passages of the gold files that are trained on, and how many were read,
    curated, and left out. Raises GoldFormatError on a malformed line, ValueError on the blind set."""
    passages, counts = [], {"gold_passages": 0, "curated_passages": 0, "uncurated_left_out": 0, "held_out_left_out": 0}
    held_out = held_out_ids()
    for path in paths:
        if Path(path).resolve() == HELD_OUT_FILE.resolve():
            raise ValueError(f"{path} holds the blind held-out passages; training never reads them")
        for passage, line in read_gold_lines(path):
            copies = passage_copies(line, curated_weight, gold_weight)
            if passage.id in held_out:
                counts["held_out_left_out"] += 1
            elif copies == 0:
                counts["uncurated_left_out"] += 1
            else:
                passages.append((passage.to_dict(), copies))
                counts["gold_passages"] += 1
                counts["curated_passages"] += line.get("curated") is True
    return passages, counts


def silver_corpora(nlp: "Language", options: DataOptions) -> tuple[list["Doc"], list["Doc"], dict]:
    """Training and validation sentences of the silver articles (split by article), with their sizes."""
    articles = silver_articles()
    train_ids, validation_ids = split_by_article((a["id"] for a in articles), options.validation_share, options.seed)
    train = list(silver_docs(nlp, [a for a in articles if a["id"] in train_ids], options.mark_repeats, options.rule_arms))
    validation = list(silver_docs(nlp, [a for a in articles if a["id"] in validation_ids], options.mark_repeats))
    if options.include_passages:
        train += list(passage_docs(nlp, [(p, options.passage_weight) for p in tune_passages()], options.lab_marker_as_outcome))
    return train, validation, {"train_articles": len(train_ids), "validation_articles": len(validation_ids),
                               "validation_ids": sorted(validation_ids)}


def build_corpora(out_dir: Path, options: DataOptions = DataOptions()) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` (the seeded validation articles, or with ``only_gold`` the
    gold passages themselves) and return their sizes."""
    from spacy.tokens import DocBin

    gold, counts = gold_file_passages(options.gold_files, options.curated_weight, options.gold_weight)
    if options.only_gold and not gold:
        raise ValueError("the gold files hold no passage to train on (export passages marked \"curated\": false "
                         "are left out)")
    nlp = tokenizer_pipeline(options.rule_outcomes and not options.only_gold)
    if options.only_gold:
        train, sizes = [], {"validation_ids": []}
        validation = list(passage_docs(nlp, [(p, 1) for p, _ in gold], options.lab_marker_as_outcome))
    else:
        train, validation, sizes = silver_corpora(nlp, options)
    train += list(passage_docs(nlp, gold, options.lab_marker_as_outcome))
    out_dir.mkdir(parents=True, exist_ok=True)
    DocBin(docs=train).to_disk(out_dir / "train.spacy")
    DocBin(docs=validation).to_disk(out_dir / "dev.spacy")
    return {**sizes, **counts, "train_sentences": len(train), "validation_sentences": len(validation)}
