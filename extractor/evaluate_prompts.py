"""Scoring records against Evidence Inference prompts (doctors' questions about real trial abstracts).

A prompt names an intervention, a comparator, an outcome and the answer's direction (increase,
decrease or no_difference). It is *recovered* when one record of the same abstract names the same
intervention and the same outcome by content-word overlap:

- words are lower-cased runs of letters and digits, without stop words or one-letter words, and a
  word longer than three letters loses a trailing "s";
- intervention: at least half of the record side's words are among the prompt's;
- outcome: at least half of the shorter side's words are shared (the prompt must have words).

A record side is its normalized name plus the surface texts of the mentions normalized to that name
(DRUG mentions for the intervention, OUTCOME and LAB_MARKER mentions for the outcome).

On the recovered prompts, direction is compared exactly (a record's improve or worsen never equals
increase or decrease), and significance as "a stated change of any direction" versus "no difference".
Prompts are not exhaustive, so precision is not measured: the records that match some prompt are
counted for information only. This is the rule of ``../shared/tools/score_ei.py``, so that both give the
same figures on the same predictions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .lexicons.vocabulary import words

STOP_WORDS = words("prompt_stop_words")

INTERVENTION_LABELS = frozenset({"DRUG"})
OUTCOME_LABELS = frozenset({"OUTCOME", "LAB_MARKER"})
NO_DIFFERENCE = "no_difference"


def content_words(text: str | None) -> set[str]:
    """Lower-cased content words of ``text``, a trailing plural s dropped from words of four letters or more."""
    out = set()
    for word in re.findall(r"[a-z0-9]+", (text or "").lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return out


def same_intervention(record_surfaces: Iterable[str], prompt_text: str) -> bool:
    prompt = content_words(prompt_text)
    for surface in record_surfaces:
        words = content_words(surface)
        if words and len(words & prompt) / len(words) >= 0.5:
            return True
    return False


def same_outcome(record_surfaces: Iterable[str], prompt_text: str) -> bool:
    prompt = content_words(prompt_text)
    if not prompt:
        return False
    for surface in record_surfaces:
        words = content_words(surface)
        if words and len(words & prompt) / min(len(words), len(prompt)) >= 0.5:
            return True
    return False


def record_surfaces(name: str | None, entities: list[dict], labels: frozenset[str]) -> set[str]:
    """A record side's normalized name and the texts of the mentions (of ``labels``) normalized to it."""
    if not name:
        return set()
    surfaces = {name}
    for entity in entities:
        if entity.get("label") in labels and (entity.get("norm") or {}).get("name") == name:
            surfaces.add(entity.get("text") or "")
    return surfaces


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


@dataclass
class PromptScorer:
    """Accumulates prompt recall and direction figures over abstracts; holds counts only, never per-prompt errors."""

    abstracts: int = 0
    prompts: int = 0
    recovered: int = 0
    direction_right: int = 0
    significance_right: int = 0
    records: int = 0
    records_matching: int = 0
    abstracts_without_output: int = 0

    def add(self, prompts: list[dict], prediction: dict | None) -> None:
        """Score one abstract's prompts against its prediction ({"records", "entities"} or None when missing)."""
        self.abstracts += 1
        if prediction is None:
            self.abstracts_without_output += 1
        records = (prediction or {}).get("records") or []
        entities = (prediction or {}).get("entities") or []
        self.records += len(records)
        matching: set[int] = set()
        for prompt in prompts:
            self.prompts += 1
            hits = [i for i, record in enumerate(records) if _answers(record, entities, prompt)]
            if not hits:
                continue
            self.recovered += 1
            matching.update(hits)
            directions = [records[i].get("direction") for i in hits]
            self.direction_right += prompt["direction"] in directions
            self.significance_right += any(_same_significance(d, prompt["direction"]) for d in directions)
        self.records_matching += len(matching)

    def report(self) -> dict:
        return {
            "abstracts": self.abstracts,
            "prompts": self.prompts,
            "recovered": self.recovered,
            "recall": _ratio(self.recovered, self.prompts),
            "direction_right": self.direction_right,
            "direction_accuracy": _ratio(self.direction_right, self.recovered),
            "significance_right": self.significance_right,
            "significance_accuracy": _ratio(self.significance_right, self.recovered),
            "records": self.records,
            "records_per_abstract": round(self.records / self.abstracts, 2) if self.abstracts else 0.0,
            "records_matching_a_prompt": self.records_matching,
            "abstracts_without_output": self.abstracts_without_output,
        }


def _answers(record: dict, entities: list[dict], prompt: dict) -> bool:
    interventions = record_surfaces(record.get("intervention"), entities, INTERVENTION_LABELS)
    outcomes = record_surfaces(record.get("outcome"), entities, OUTCOME_LABELS)
    return same_intervention(interventions, prompt["intervention"]) and same_outcome(outcomes, prompt["outcome"])


def _same_significance(record_direction: str | None, prompt_direction: str) -> bool:
    if record_direction is None:
        return False
    return (record_direction == NO_DIFFERENCE) == (prompt_direction == NO_DIFFERENCE)


def find_prediction(predictions: dict[str, dict], passage_id: str | None) -> dict | None:
    """The prediction of a passage, by its id or by the id a batch run over ``<id>.txt`` files gives it."""
    if passage_id is None:
        return None
    return predictions.get(passage_id) or predictions.get(passage_id + ".txt")


def read_predictions(path: str | Path) -> dict[str, dict]:
    """Prediction lines ("id" plus "records" and usually "entities", as `extractor batch` writes) by id."""
    out = {}
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: {error}") from error
            if not isinstance(data, dict) or "id" not in data:
                raise ValueError(f"{path}:{number}: a prediction line needs an 'id'")
            out[str(data["id"])] = data
    return out


def score_prompts(pairs: Iterable[tuple[dict, dict | None]]) -> dict:
    """Prompt figures over (prompt passage, its prediction or None) pairs; a passage is {"id", "text", "prompts"}."""
    scorer = PromptScorer()
    for passage, prediction in pairs:
        scorer.add(passage["prompts"], prediction)
    return scorer.report()


def format_prompt_table(report: dict) -> str:
    """A readable summary of a prompt report."""
    return "\n".join([
        f"prompts: {report['prompts']} in {report['abstracts']} abstracts",
        f"prompt recall: {report['recall']:.3f} ({report['recovered']} recovered)",
        f"direction accuracy on recovered: {report['direction_accuracy']:.3f}",
        f"significance accuracy on recovered: {report['significance_accuracy']:.3f}",
        f"records per abstract: {report['records_per_abstract']:.2f}  "
        f"(records matching a prompt: {report['records_matching_a_prompt']} of {report['records']})",
    ])
