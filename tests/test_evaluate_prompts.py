"""Prompt scoring (Evidence Inference format): hand-made cases, agreement with ../shared/tools/score_ei.py, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate_prompts import content_words, find_prediction, read_predictions, score_prompts

from .conftest import SHARED

REFERENCE = SHARED / "tools" / "score_ei.py"
EI_DEV = SHARED / "external" / "evidence-inference" / "dev.jsonl"


def prompt(intervention, outcome, direction):
    return {"prompt": "", "intervention": intervention, "comparator": "placebo", "outcome": outcome, "direction": direction}


def record(intervention, outcome, direction):
    return {"intervention": intervention, "outcome": outcome, "direction": direction}


def drug(text, name):
    return {"start": 0, "end": len(text), "label": "DRUG", "text": text, "norm": {"name": name}}


# Synthetic abstracts (written for this test) and their predictions, one edge case each.
SYNTHETIC_BED = [
    {"id": "syn-plural", "text": "t", "prompts": [prompt("aspirin", "headaches", "decrease")]},
    {"id": "syn-stop-words", "text": "t", "prompts": [prompt("patients treated with the aspirin group", "pain", "decrease"),
                                                      prompt("the", "pain", "decrease")]},
    {"id": "syn-improve", "text": "t", "prompts": [prompt("exercise", "walking distance", "increase")]},
    {"id": "syn-significance", "text": "t", "prompts": [prompt("statin", "stroke", "decrease"),
                                                        prompt("statin", "myocardial infarction", "no_difference")]},
    {"id": "syn-surface", "text": "t", "prompts": [prompt("aspirin", "pain score at 24 hours", "decrease")]},
    {"id": "syn-half", "text": "t", "prompts": [prompt("aspirin", "bleeding", "increase")]},
    {"id": "syn-file", "text": "t", "prompts": [prompt("metformin", "HbA1c", "decrease")]},
    {"id": "syn-missing", "text": "t", "prompts": [prompt("aspirin", "stroke", "decrease")]},
]
SYNTHETIC_PREDICTIONS = [
    {"id": "syn-plural", "records": [record("aspirin", "headache", "decrease")]},
    {"id": "syn-stop-words", "records": [record("aspirin", "pain", "increase"), record("the", "pain", "decrease")]},
    {"id": "syn-improve", "records": [record("exercise", "walking distance", "improve")]},
    {"id": "syn-significance", "records": [record("statin", "stroke", "no_difference"),
                                           record("statin", "myocardial infarction", None)]},
    {"id": "syn-surface", "entities": [drug("aspirin", "acetylsalicylic acid")],
     "records": [record("acetylsalicylic acid", "pain", "decrease")]},
    {"id": "syn-half", "records": [record("aspirin clopidogrel ticagrelor", "bleeding", "increase"),
                                   record("aspirin clopidogrel", "bleeding", "increase")]},
    {"id": "syn-file.txt", "records": [record("metformin", "HbA1c", "decrease"), record("insulin", "weight", "increase")]},
]


def write_jsonl(path, lines):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def reference_figures(bed_path, predictions_path):
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not beside the project")
    out = subprocess.run([sys.executable, str(REFERENCE), str(bed_path), str(predictions_path)],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def project_figures(bed_path, predictions_path):
    by_id = read_predictions(predictions_path)
    bed = [json.loads(line) for line in bed_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return score_prompts((passage, find_prediction(by_id, passage["id"])) for passage in bed)


def assert_same_figures(ours, theirs):
    assert ours["abstracts"] == theirs["abstracts"]
    assert ours["prompts"] == theirs["prompts"]
    assert round(ours["recovered"] / ours["prompts"], 3) == theirs["recall"]
    recovered = ours["recovered"]
    assert (round(ours["direction_right"] / recovered, 3) if recovered else 0.0) == theirs["direction_accuracy_on_found"]
    assert (round(ours["significance_right"] / recovered, 3) if recovered else 0.0) == theirs["significance_accuracy_on_found"]
    assert round(ours["direction_right"] / ours["prompts"], 3) == theirs["recall_with_direction"]
    assert ours["records"] == theirs["records"]
    assert ours["records_per_abstract"] == theirs["records_per_abstract"]
    assert ours["records_matching_a_prompt"] == theirs["records_matching_a_prompt"]
    assert ours["abstracts_without_output"] == theirs["abstracts_without_output"]


def test_content_words_drop_stop_words_short_words_and_plural_s():
    assert content_words("Patients treated with 40 mg of statins, a dose") == {"40", "statin"}
    assert content_words("gas and bus") == {"gas", "bus"}  # three letters: the s stays
    assert content_words(None) == set()


def test_synthetic_edge_cases_give_exact_counts(tmp_path):
    bed = write_jsonl(tmp_path / "bed.jsonl", SYNTHETIC_BED)
    predictions = write_jsonl(tmp_path / "pred.jsonl", SYNTHETIC_PREDICTIONS)
    ours = project_figures(bed, predictions)
    # recovered: plural, stop words (first prompt only), improve, both statin prompts, surface, half, .txt id
    assert (ours["prompts"], ours["recovered"]) == (10, 8)
    # direction right: plural, surface, half, .txt id (improve never equals increase; stop-word record says increase)
    assert ours["direction_right"] == 4
    # significance right: those four, improve (a change), stop words (a change); not statin (wrong kind, or none)
    assert ours["significance_right"] == 6
    assert ours["abstracts_without_output"] == 1
    assert ours["records"] == 11 and ours["records_matching_a_prompt"] == 8
    assert_same_figures(ours, reference_figures(bed, predictions))


def test_pipeline_predictions_agree_with_the_reference_script(pipeline, tmp_path):
    """The pipeline on the first 40 dev abstracts: only the totals are compared, no prompt is printed."""
    if not EI_DEV.exists():
        pytest.skip(f"{EI_DEV} is not beside the project")
    lines = [line for line in EI_DEV.read_text(encoding="utf-8").splitlines() if line.strip()][:40]
    bed = tmp_path / "bed.jsonl"
    bed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    passages = [json.loads(line) for line in lines]
    results = pipeline.pipe(p["text"] for p in passages)
    predictions = write_jsonl(tmp_path / "pred.jsonl", [{"id": p["id"], **r.to_dict()} for p, r in zip(passages, results)])
    ours = project_figures(bed, predictions)
    assert ours["records"] > 0 and ours["recovered"] > 0
    assert_same_figures(ours, reference_figures(bed, predictions))

    cli = CliRunner().invoke(app, ["evaluate", str(bed), "--predictions", str(predictions), "--json"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output)["prompts"] == ours


def test_cli_json_keys_on_a_mixed_file_and_splits(tmp_path):
    gold = {"id": "syn-gold", "text": "Aspirin reduced stroke in 300 patients.", "entities": [], "records": []}
    mixed = write_jsonl(tmp_path / "mixed.jsonl", [gold, *SYNTHETIC_BED])
    predictions = write_jsonl(tmp_path / "pred.jsonl", SYNTHETIC_PREDICTIONS)
    result = CliRunner().invoke(app, ["evaluate", str(mixed), "--predictions", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["passages"] == 1 and "records" in report and "entities" in report
    prompts = report["prompts"]
    for key in ("recall", "direction_accuracy", "significance_accuracy", "records_per_abstract", "prompts", "recovered"):
        assert key in prompts
    assert (prompts["recall"], prompts["direction_accuracy"], prompts["significance_accuracy"]) == (0.8, 0.5, 0.75)

    from extractor.splits import in_split

    held = sum(in_split(p["id"], "heldout") for p in SYNTHETIC_BED)
    sizes = {}
    for split in ("heldout", "tune"):
        out = CliRunner().invoke(app, ["evaluate", str(mixed), "--predictions", str(predictions), "--json", "--split", split])
        assert out.exit_code == 0, out.output
        sizes[split] = json.loads(out.output)["prompts"]["abstracts"]
    assert sizes == {"heldout": held, "tune": len(SYNTHETIC_BED) - held}


def test_cli_plain_output_and_refusals(tmp_path):
    bed = write_jsonl(tmp_path / "bed.jsonl", SYNTHETIC_BED)
    predictions = write_jsonl(tmp_path / "pred.jsonl", SYNTHETIC_PREDICTIONS)
    runner = CliRunner()
    plain = runner.invoke(app, ["evaluate", str(bed), "--predictions", str(predictions)])
    assert plain.exit_code == 0 and "prompt recall: 0.800" in plain.output
    assert runner.invoke(app, ["evaluate", str(bed), "--split", "other"]).exit_code == 2
    assert runner.invoke(app, ["evaluate", str(bed), "--split", "heldout", "--errors"]).exit_code == 2
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": "t", "prompts": [{"intervention": "a"}]}])
    assert runner.invoke(app, ["evaluate", str(bad), "--predictions", str(predictions)]).exit_code == 2


def test_floors_on_real_trial_abstracts(pipeline):
    """Ratchets on all of Evidence Inference dev (measured 0.453 / 0.789 / 0.930, 3.74 records per abstract:
    256 prompts recovered with 202 directions and 238 significances right, up from 245 / 185 / 223; the
    accuracies are over the recovered prompts; then 0.534 / 0.801 / 0.917, 3.86 records per abstract, after
    the result-phrase, arm-name and record-filter rounds; 0.575 / 0.797 / 0.923, 3.74 records per abstract
    after round six; 0.581 / 0.796 / 0.918, 3.81 after round nine, whose outcome lists are read in full, one
    record per listed adverse event: the records-per-abstract ratchet moved from 3.8 to 3.85, under the
    issue's limit of 4; 0.611 / 0.806 / 0.925, 3.84 after round ten; 3.86 after round eleven's markers and
    endpoints (peak oxygen uptake, lipase, itch, ...) gave records the lexicons had missed: the ratchet moved to
    3.90, still under the issue's limit of 4; 0.623 / 0.807 / 0.923, 3.90 after round twelve, whose arm, lexicon
    and direction changes raised recall while record filters for fragments, definitions and restated claims held
    the records per abstract; 0.634 / 0.816 / 0.922, 3.94 after round thirteen, whose outcome and marker entries
    (silver outcome recall 0.56 -> 0.63) and result verbs gave records of results the doctors asked no prompt on
    while new record filters took out as many others: the ratchet moved to 3.95, still under the issue's limit;
    0.641 / 0.823 / 0.928, 3.94 after round fourteen, whose record filters (earlier work, aims, definitions,
    baseline lists) took out about as many records as the arm, list and outcome work added: the recall,
    direction and significance ratchets moved up to 0.64 / 0.82 / 0.925)."""
    if not EI_DEV.exists():
        pytest.skip(f"{EI_DEV} is not beside the project")
    passages = [json.loads(line) for line in EI_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = pipeline.pipe(p["text"] for p in passages)
    figures = score_prompts(zip(passages, ({"id": p["id"], **r.to_dict()} for p, r in zip(passages, results))))
    assert figures["recall"] >= 0.64
    assert figures["direction_accuracy"] >= 0.82
    assert figures["significance_accuracy"] >= 0.925
    assert figures["records_per_abstract"] <= 3.95
