"""Training data for the claim textcat: marked (intervention, outcome) pairs with their class.

Sources (never an article of ``evidence-inference/dev.jsonl``, never a held-out passage):

- ``evidence-inference/evidence.jsonl``: each answered prompt's cited evidence, with the prompt's
  outcome (and intervention, where it can be found) marked, labelled with the doctors' direction.
  One example per distinct (prompt, evidence). Phrases are found verbatim or, failing that, as the
  shortest stretch covering most of their content words (:func:`locate`).
- ``none`` from ``evidence-inference/spans.jsonl`` abstracts: sentences whose role is background,
  objective (aims, hypotheses) or methods and that hold a marked outcome phrase, unless a doctor
  cited the sentence as evidence or it reports a p-value, a confidence interval or significance. The outcome is marked, and an intervention phrase where one sits
  in the sentence.
- ``none`` for a wrong pair (option): another prompt's outcome found in an evidence text that no
  doctor cited for that prompt.
- ``corpora/passages.jsonl`` (passages that are not held out): each gold record with direction
  increase / decrease / no_difference on a sentence naming both its drug and its outcome; OUTCOME
  mentions of record-less sentences give ``none``. Records worded improve / worsen are left out
  (their increase / decrease depends on the outcome's polarity, which the data does not give).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..claims import CLAIM_LABELS, MARKING, ClaimInput, marked_text
from ..components.roles import classify_sentences, sections
from ..lexicons.vocabulary import words
from ..record_filters import REPORTED_TEST
from ..splits import ei_article_id, is_held_out
from .role_data import EVIDENCE, sentence_splitter
from .span_data import PASSAGES, excluded_article_ids, read_jsonl, silver_articles, split_by_article

NEGATIVE_ROLES = {"background", "objective", "methods"}
FLIP = {"increase": "decrease", "decrease": "increase", "no_difference": "no_difference"}
FUNCTION_WORDS = words("claim_data_function_words")
STEM = 5
# A sentence reporting a test or an interval is a result whatever the role model says: such
# sentences are kept out of the "none" examples, so that role errors do not become label noise.
RESULT_FIGURES = REPORTED_TEST


@dataclass(frozen=True)
class DataOptions:
    """What goes into the training set (each option measured, see README)."""

    seed: int = 0
    validation_share: float = 0.2
    marking: str = MARKING
    wrong_pairs: bool = True
    swap_arms: bool = False
    negatives_per_positive: float = 1.0


@dataclass(frozen=True)
class Example:
    article: str
    item: ClaimInput
    label: str
    source: str


def _content_words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower()[:STEM], m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` sits in ``text``: verbatim (any case), else the shortest stretch of words that
    covers at least half of the phrase's content words (compared on their first five letters)."""
    at = text.lower().find(phrase.lower().strip())
    if at >= 0 and phrase.strip():
        return at, at + len(phrase.strip())
    wanted = {w for w, _, _ in _content_words(phrase) if w not in FUNCTION_WORDS and len(w) > 1}
    if not wanted:
        return None
    words = _content_words(text)
    best: tuple[float, int, tuple[int, int]] | None = None
    for i, (first, start, _) in enumerate(words):
        if first not in wanted:
            continue
        for j in range(i, min(len(words), i + len(wanted) + 3)):
            if words[j][0] not in wanted:
                continue
            covered = len(wanted & {w for w, _, _ in words[i:j + 1]}) / len(wanted)
            candidate = (covered, -(j - i), (start, words[j][2]))
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best and best[0] >= 0.5 else None


def evidence_examples(excluded: set[str], options: DataOptions) -> list[Example]:
    """Positives (and, with ``wrong_pairs``, wrong-pair negatives) from the doctors' evidence."""
    rows = [row for row in read_jsonl(EVIDENCE) if ei_article_id(row["pmcid"]) not in excluded]
    seen: set[tuple[str, str]] = set()
    examples = []
    for row in rows:
        key = (row["prompt"], row["evidence"])
        if key in seen:
            continue
        seen.add(key)
        item = _pair(row["evidence"], row["intervention"], row["outcome"])
        if item is None:
            continue
        article = ei_article_id(row["pmcid"])
        examples.append(Example(article, item, row["direction"], "evidence"))
        comparator = locate(row["evidence"], row["comparator"])
        if options.swap_arms and item.intervention and comparator and comparator != item.intervention:
            swapped = replace(item, intervention=comparator)
            examples.append(Example(article, swapped, FLIP[row["direction"]], "evidence-swapped"))
    if options.wrong_pairs:
        examples += _wrong_pairs(rows)
    return examples


def _pair(sentence: str, intervention: str | None, outcome: str) -> ClaimInput | None:
    outcome_at = locate(sentence, outcome)
    if outcome_at is None:
        return None
    intervention_at = locate(sentence, intervention) if intervention else None
    return ClaimInput(sentence, intervention_at, outcome_at)


def _wrong_pairs(rows: list[dict]) -> list[Example]:
    """Another prompt's outcome, verbatim in an evidence text no doctor cited for that prompt."""
    cited: dict[str, set[str]] = {}
    prompts: dict[str, dict] = {}
    for row in rows:
        cited.setdefault(row["prompt"], set()).add(row["evidence"])
        prompts[row["prompt"]] = row
    examples = []
    texts = {(row["pmcid"], row["evidence"]) for row in rows}
    for pmcid, evidence in sorted(texts):
        for prompt, row in prompts.items():
            if row["pmcid"] != pmcid or any(evidence in e or e in evidence for e in cited[prompt]):
                continue
            at = evidence.lower().find(row["outcome"].lower())
            if at >= 0 and len(row["outcome"]) > 3:
                item = ClaimInput(evidence, locate(evidence, row["intervention"]), (at, at + len(row["outcome"])))
                examples.append(Example(ei_article_id(pmcid), item, "none", "wrong-pair"))
    return examples


def sentence_roles_of(text: str, splitter) -> list[tuple[int, int, str]]:
    """(start, end, role) of each sentence of an abstract: headings decide, the role model elsewhere."""
    found: list[tuple[int, int, str | None]] = []
    for start, end, role in sections(text):
        for sent in splitter(text[start:end]).sents:
            found.append((start + sent.start_char, start + sent.end_char, role))
    learned = iter(classify_sentences([text[s:e] for s, e, role in found if role is None]))
    return [(s, e, role if role is not None else next(learned)) for s, e, role in found]


def abstract_negatives(articles: list[dict], cited: dict[str, list[str]], splitter) -> list[Example]:
    """``none`` pairs from background / objective / methods sentences holding a marked outcome."""
    examples = []
    for article in articles:
        text = article["text"]
        outcomes = [s for s in article["spans"] if s["role"] == "outcome"]
        arms = [s for s in article["spans"] if s["role"] in ("intervention", "comparator")]
        for start, end, role in sentence_roles_of(text, splitter):
            sentence = text[start:end]
            if role not in NEGATIVE_ROLES or RESULT_FIGURES.search(sentence) \
                    or any(_same_text(sentence, e) for e in cited.get(article["id"], [])):
                continue
            arm = next((a for a in arms if start <= a["start"] and a["end"] <= end), None)
            for outcome in outcomes:
                if start <= outcome["start"] and outcome["end"] <= end:
                    item = ClaimInput(sentence, (arm["start"] - start, arm["end"] - start) if arm else None,
                                      (outcome["start"] - start, outcome["end"] - start))
                    examples.append(Example(article["id"], item, "none", f"abstract-{role}"))
    return examples


def _same_text(sentence: str, evidence: str) -> bool:
    a, b = " ".join(sentence.split()).lower(), " ".join(evidence.split()).lower()
    return a in b or b in a


def passage_examples(splitter) -> list[Example]:
    """Gold records (increase / decrease / no_difference) and record-less OUTCOME mentions of our
    passages that are not held out."""
    examples = []
    for passage in read_jsonl(PASSAGES):
        if is_held_out(passage["id"]):
            continue
        for sent in splitter(passage["text"]).sents:
            examples += _sentence_records(passage, sent.start_char, sent.end_char)
    return examples


def _sentence_records(passage: dict, start: int, end: int) -> list[Example]:
    inside = [e for e in passage["entities"] if start <= e["start"] and e["end"] <= end]
    by_name: dict[tuple[str, str], dict] = {}
    for entity in inside:
        by_name.setdefault((entity["label"], entity["norm"].get("name", "").lower()), entity)
    sentence = passage["text"][start:end]
    article = "passage-" + passage["id"]
    examples, used = [], set()
    for record in passage.get("records", []):
        outcome = by_name.get(("OUTCOME", (record.get("outcome") or "").lower())) or \
            by_name.get(("LAB_MARKER", (record.get("outcome") or "").lower()))
        drug = by_name.get(("DRUG", (record.get("intervention") or "").lower()))
        if outcome is None:
            continue
        used.add(outcome["start"])
        if record.get("direction") in FLIP and drug is not None:
            item = ClaimInput(sentence, (drug["start"] - start, drug["end"] - start),
                              (outcome["start"] - start, outcome["end"] - start))
            examples.append(Example(article, item, record["direction"], "passage"))
    drug = next((e for e in inside if e["label"] == "DRUG"), None)
    for entity in inside:
        if entity["label"] == "OUTCOME" and entity["start"] not in used and not _has_record_for(passage, entity):
            item = ClaimInput(sentence, (drug["start"] - start, drug["end"] - start) if drug else None,
                              (entity["start"] - start, entity["end"] - start))
            examples.append(Example(article, item, "none", "passage-none"))
    return examples


def _has_record_for(passage: dict, entity: dict) -> bool:
    """A record on this outcome anywhere in the passage: the mention may carry it from another sentence."""
    name = entity["norm"].get("name", "").lower()
    return any((r.get("outcome") or "").lower() == name for r in passage.get("records", []))


def all_examples(options: DataOptions) -> list[Example]:
    excluded = excluded_article_ids()
    splitter = sentence_splitter()
    cited: dict[str, list[str]] = {}
    for row in read_jsonl(EVIDENCE):
        cited.setdefault(ei_article_id(row["pmcid"]), []).append(row["evidence"])
    positives = evidence_examples(excluded, options) + passage_examples(splitter)
    negatives = abstract_negatives(silver_articles(), cited, splitter)
    wanted = int(options.negatives_per_positive * sum(e.label != "none" for e in positives))
    random.Random(options.seed).shuffle(negatives)
    return positives + negatives[:wanted]


def _to_docbin(pairs: list[tuple[str, str]], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docs = DocBin()
    for doc, (_, label) in zip(nlp.pipe(text for text, _ in pairs), pairs):
        doc.cats = {name: float(name == label) for name in CLAIM_LABELS}
        docs.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)


def build_corpora(corpus_dir: Path, options: DataOptions) -> dict:
    """Write ``train.spacy`` / ``dev.spacy`` (validation articles); return what went in."""
    examples = all_examples(options)
    train_ids, validation_ids = split_by_article({e.article for e in examples}, options.validation_share, options.seed)
    train = [(marked_text(e.item, options.marking), e.label) for e in examples if e.article in train_ids]
    validation = [(marked_text(e.item, options.marking), e.label) for e in examples
                  if e.article in validation_ids and e.source != "evidence-swapped"]
    _to_docbin(train, corpus_dir / "train.spacy")
    _to_docbin(validation, corpus_dir / "dev.spacy")
    return {"articles": {"train": len(train_ids), "validation": len(validation_ids)},
            "examples": {"train": dict(Counter(label for _, label in train)),
                         "validation": dict(Counter(label for _, label in validation))},
            "sources": dict(Counter(e.source for e in examples)),
            "validation_pairs": validation}
