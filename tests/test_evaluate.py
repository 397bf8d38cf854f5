"""The scorer on hand-made cases, and the evaluation floors on the corpora."""

import json

import pytest

from extractor.evaluate import GoldFormatError, evaluate, parse_label_map, read_evaluation_file, read_gold
from extractor.schema import EvidenceRecord, Extraction, Mention

from .conftest import DEV, ROOT


def passage(entities, records=()):
    return Extraction(text="x" * 100, entities=list(entities), records=list(records))


def test_strict_and_relaxed_matching():
    gold = passage([Mention(0, 7, "DRUG", "heparin", {"name": "heparin"}), Mention(10, 20, "OUTCOME", "", {})])
    pred = passage([Mention(0, 7, "DRUG", "heparin", {}), Mention(12, 20, "OUTCOME", "", {})])
    report = evaluate([gold], [pred])
    assert report["entities"]["strict"]["micro"]["f1"] == 0.5
    assert report["entities"]["relaxed"]["micro"]["f1"] == 1.0
    assert report["entities"]["strict"]["per_label"]["DRUG"]["f1"] == 1.0


def test_matching_is_one_to_one():
    gold = passage([Mention(0, 10, "DRUG", "", {})])
    pred = passage([Mention(0, 4, "DRUG", "", {}), Mention(5, 10, "DRUG", "", {})])
    relaxed = evaluate([gold], [pred])["entities"]["relaxed"]["micro"]
    assert (relaxed["tp"], relaxed["fp"]) == (1, 1)


def test_unpredicted_gold_labels_are_reported_apart_and_maps_apply():
    gold = passage([Mention(0, 7, "CHEMICAL", "", {}), Mention(8, 12, "DISEASE", "", {})])
    pred = passage([Mention(0, 7, "DRUG", "", {})])
    report = evaluate([gold], [pred], labels=["CHEMICAL"], label_map=parse_label_map(["DRUG=CHEMICAL"]))
    assert report["entities"]["strict"]["micro"]["f1"] == 1.0
    assert report["unscored_gold_labels"] == {"DISEASE": 1}


def test_cohort_value_accuracy():
    gold = passage([Mention(0, 12, "COHORT_SIZE", "", {"value": 449}), Mention(20, 30, "COHORT_SIZE", "", {"value": 10})])
    pred = passage([Mention(0, 12, "COHORT_SIZE", "", {"value": 449}), Mention(20, 30, "COHORT_SIZE", "", {"value": 11})])
    assert evaluate([gold], [pred])["cohort_size"]["value_accuracy"] == 0.5


def test_records_keyed_on_intervention_and_outcome():
    gold = passage([], [EvidenceRecord("heparin", "mortality", direction="decrease", refs=["38"]),
                        EvidenceRecord("heparin", "mortality", direction="increase")])
    pred = passage([], [EvidenceRecord("Heparin", "Mortality", direction="increase"),
                        EvidenceRecord("aspirin", "mortality")])
    report = evaluate([gold], [pred])["records"]
    assert (report["tp"], report["fp"], report["fn"]) == (1, 1, 1)
    assert report["fields"]["direction"]["accuracy"] == 1.0


def test_relaxed_records_match_names_by_shared_content_words():
    gold = passage([], [EvidenceRecord("metformin", "all-cause mortality"), EvidenceRecord("metformin", "major bleeding")])
    pred = passage([], [EvidenceRecord("Metformin", "mortality"), EvidenceRecord("metformin", "stroke")])
    report = evaluate([gold], [pred])
    assert (report["records"]["tp"], report["records"]["fp"], report["records"]["fn"]) == (0, 2, 2)
    relaxed = report["records_relaxed"]
    assert (relaxed["tp"], relaxed["fp"], relaxed["fn"]) == (1, 1, 1)


def test_evaluate_table_prints_both_record_figures(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    gold = {"id": "t1", "text": "Aspirin lowered mortality (p = 0.01).",
            "entities": [{"start": 0, "end": 7, "label": "DRUG", "text": "Aspirin", "norm": {"name": "aspirin"}}],
            "records": [{"intervention": "aspirin", "outcome": "all-cause mortality", "direction": "decrease"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    assert "records: P" in result.output and "records, names by overlap: P" in result.output


def _gold_file(path):
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return list(read_gold(path))


def _score(pipeline, path):
    gold = _gold_file(path)
    return evaluate(gold, list(pipeline.pipe(p.text for p in gold)))


def test_dev_set_floor(pipeline):
    """Floors reached on ../shared/corpora/dev.jsonl: raise them as the pipeline improves, never lower them."""
    report = _score(pipeline, DEV)
    strict = report["entities"]["strict"]
    assert strict["micro"]["f1"] >= 0.97
    for label, scores in strict["per_label"].items():
        assert scores["f1"] >= 0.85, label
    assert strict["per_label"]["OUTCOME"]["f1"] >= 0.95
    assert report["cohort_size"]["value_accuracy"] >= 0.95
    assert report["records"]["f1"] >= 0.91


def test_project_corpus_floor(pipeline):
    """The project's own annotated passages (corpora/), written on other topics than the dev set."""
    path = ROOT / "corpora" / "passages.jsonl"
    report = _score(pipeline, path)
    assert report["passages"] >= 40
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.97
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= 0.93
    assert report["records"]["f1"] >= 0.91


def test_blind_held_out_floor(pipeline):
    """corpora/heldout.jsonl was annotated blind to the pipeline and is only measured, never read:
    ratchets at what the code reaches (strict 0.808, OUTCOME 0.553, records F1 0.379 when they were set;
    records F1 0.420 after the review-prose fixes of issue 8; OUTCOME 0.600 after its outcome boundary fixes;
    strict 0.884, OUTCOME 0.758, records F1 0.603 after outcome slots, form patterns and text-word names;
    strict 0.890, OUTCOME 0.785, records F1 0.628 after round six; 0.894 / 0.785 / 0.686 after round ten;
    0.906 / 0.800 / 0.721 after round eleven; 0.906 / 0.800 / 0.724 after round twelve)."""
    report = _score(pipeline, ROOT / "corpora" / "heldout.jsonl")
    assert report["passages"] == 24
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.90
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= 0.79
    assert report["records"]["f1"] >= 0.72


def test_independent_corpus_floor(pipeline):
    """corpora/independent.jsonl was written and annotated from ANNOTATION.md alone, by an annotator who
    never saw the pipeline. Its tune split may be read for errors; its held-out split is only measured.
    Ratchets at what the code reaches (all 30: strict 0.848, records F1 0.378 when they were set;
    strict 0.869, records F1 0.550 after the review-prose fixes of issue 8; OUTCOME 0.830 after its outcome
    boundary fixes; strict 0.941, OUTCOME 0.912, records F1 0.762 after outcome slots, form patterns and
    text-word names; strict 0.942, OUTCOME 0.918, records F1 0.790 after round six)."""
    report = _score(pipeline, ROOT / "corpora" / "independent.jsonl")
    assert report["passages"] == 30
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.93
    assert report["entities"]["strict"]["per_label"]["COHORT_SIZE"]["f1"] >= 0.95
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= 0.91
    assert report["records"]["f1"] >= 0.78


def test_second_independent_corpus_floor(pipeline):
    """corpora/independent2.jsonl (reviews, introduction and discussion paragraphs, trial abstracts) came from
    another annotator working from ANNOTATION.md alone and was scored blind before anyone read it (strict
    0.735, OUTCOME 0.551, records F1 0.371). Ratchets at what the code reaches after its tune split was read
    (all 30: strict 0.877, OUTCOME 0.767, DRUG 0.940, records F1 0.584; round six: strict 0.889, OUTCOME 0.808,
    records F1 0.613; round twelve: 0.928 / 0.871 / DRUG 0.962 / 0.743)."""
    report = _score(pipeline, ROOT / "corpora" / "independent2.jsonl")
    assert report["passages"] == 30
    per_label = report["entities"]["strict"]["per_label"]
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.92
    assert per_label["OUTCOME"]["f1"] >= 0.86
    assert per_label["DRUG"]["f1"] >= 0.95
    assert report["records"]["f1"] >= 0.74


def test_third_independent_corpus_floor(pipeline):
    """corpora/independent3.jsonl (10 reviews, 10 introduction and discussion paragraphs, 10 trial abstracts) was
    written and annotated blind from ANNOTATION.md and dev.jsonl by an annotator who never saw the project's code,
    corpora or output. Nobody reads its passages or errors; it is only measured (strict 0.846, OUTCOME 0.723,
    records F1 0.512 when it arrived; 0.850 / 0.737 / 0.509 at the end of round six, 0.855 / 0.744 / 0.514 at the end
    of round seven, 0.863 / 0.747 / 0.551 at the end of round ten, 0.875 / 0.767 / 0.545 at the end of round
    eleven, 0.875 / 0.770 / 0.563 at the end of round twelve). Ratchets at that."""
    report = _score(pipeline, ROOT / "corpora" / "independent3.jsonl")
    assert report["passages"] == 30
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.87
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= 0.76
    assert report["records"]["f1"] >= 0.56


def test_fourth_independent_corpus_floor(pipeline):
    """corpora/independent4.jsonl (10 reviews, 10 introduction and discussion paragraphs, 10 trial abstracts) was
    written and annotated blind in round seven, as independent3 was. Nobody reads its passages or errors: scored
    when it arrived (strict 0.837, OUTCOME 0.671, records F1 0.435), at the end of the round (0.840 / 0.678 /
    0.444), at the end of round ten (0.847 / 0.691 / 0.497) and of round eleven (0.861 / 0.705 / 0.504) and twelve (0.863 /
    0.712 / 0.508). Ratchets at that."""
    report = _score(pipeline, ROOT / "corpora" / "independent4.jsonl")
    assert report["passages"] == 30
    assert report["entities"]["strict"]["micro"]["f1"] >= 0.86
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= 0.71
    assert report["records"]["f1"] >= 0.50


def test_fifth_and_sixth_independent_corpus_floors(pipeline):
    """corpora/independent5.jsonl and independent6.jsonl (30 passages each: reviews, introduction and discussion
    paragraphs, trial abstracts) were written and annotated in round ten by two annotators from ANNOTATION.md and
    dev.jsonl only. Their tune splits were read for errors, their held-out splits only measured. Scored on arrival
    (strict / OUTCOME / records F1: 0.828 / 0.707 / 0.520 and 0.907 / 0.799 / 0.665) and at the end of the round
    (0.881 / 0.779 / 0.614 and 0.919 / 0.819 / 0.725), and at the end of round eleven (0.893 / 0.804 / 0.681 and
    0.932 / 0.851 / 0.763), and of round twelve (0.899 / 0.817 / 0.690 and 0.932 / 0.852 / 0.775). Ratchets at that,
    except independent6's strict floor, lowered 0.93 -> 0.92 in round thirteen: design phrases now keep "network"
    ("network meta-analysis", ANNOTATION.md's longest phrase, as independent5 and independent8 annotate it), where
    independent6's annotator mostly labels "meta-analysis" alone (its STUDY_DESIGN F1 0.863 -> 0.837). Raised at the
    end of round fifteen (0.922 / 0.856 / 0.739 and 0.939 / 0.888 / 0.821)."""
    _assert_floors(_score(pipeline, ROOT / "corpora" / "independent5.jsonl"), strict=0.92, outcome=0.85, records=0.73)
    _assert_floors(_score(pipeline, ROOT / "corpora" / "independent6.jsonl"), strict=0.93, outcome=0.88, records=0.82)


def _assert_floors(report: dict, strict: float, outcome: float, records: float, passages: int = 30) -> None:
    assert report["passages"] == passages
    assert report["entities"]["strict"]["micro"]["f1"] >= strict
    assert report["entities"]["strict"]["per_label"]["OUTCOME"]["f1"] >= outcome
    assert report["records"]["f1"] >= records


def test_seventh_and_eighth_independent_corpus_floors(pipeline):
    """corpora/independent7.jsonl and independent8.jsonl (30 passages each, written and annotated in round eleven from
    ANNOTATION.md and dev.jsonl only). Scored on arrival (strict / OUTCOME / records F1: 0.813 / 0.689 / 0.392 and
    0.830 / 0.713 / 0.522); their tune splits were read, their held-out splits only measured. Ratchets at the end
    of the round (0.871 / 0.786 / 0.520 and 0.857 / 0.744 / 0.598) and of round twelve (0.872 / 0.788 / 0.522 and
    0.859 / 0.749 / 0.608). Round thirteen lowered independent7's records floor 0.52 -> 0.51 (0.522 -> 0.518 with
    strict 0.872 -> 0.879 and LAB_MARKER 0.787 -> 0.854: new marker entries such as MELD score make records its
    annotator did not write, as on its read tune split). Raised at the end of round fifteen (0.891 / 0.818 / 0.577 and
    0.896 / 0.787 / 0.704)."""
    _assert_floors(_score(pipeline, ROOT / "corpora" / "independent7.jsonl"), strict=0.89, outcome=0.81, records=0.57)
    _assert_floors(_score(pipeline, ROOT / "corpora" / "independent8.jsonl"), strict=0.89, outcome=0.78, records=0.70)


@pytest.mark.parametrize("name", ["passages.jsonl", "heldout.jsonl", "independent.jsonl", "independent2.jsonl",
                                  "independent3.jsonl", "independent4.jsonl", "independent5.jsonl", "independent6.jsonl",
                                  "independent7.jsonl", "independent8.jsonl"])
def test_gold_files_are_well_formed(name):
    path = ROOT / "corpora" / name
    _gold_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        data = json.loads(line)
        for entity in data["entities"]:
            assert data["text"][entity["start"]:entity["end"]] == entity["text"], (data["id"], entity)


def test_evaluation_file_splits_gold_passages_from_prompt_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [{"id": "g", "text": "Aspirin.", "entities": [{"start": 0, "end": 7, "label": "DRUG", "text": "Aspirin"}]},
             {"id": "p", "text": "Aspirin.", "prompts": [{"intervention": "aspirin", "outcome": "pain", "direction": "decrease"}]}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    gold, prompted = read_evaluation_file(path)
    assert [p.id for p in gold] == ["g"] and gold[0].entities[0].label == "DRUG"
    assert [p["id"] for p in prompted] == ["p"]
    path.write_text(json.dumps({"text": "x", "prompts": [{"intervention": "aspirin", "direction": "decrease"}]}) + "\n")
    with pytest.raises(GoldFormatError, match="outcome"):
        read_evaluation_file(path)
