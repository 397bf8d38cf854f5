"""The command line, end to end, in a subprocess as a user runs it."""

import json
import subprocess
import sys

from .conftest import DEV, ROOT

EXAMPLE = ROOT / "examples" / "colchicine.txt"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True, timeout=300)


def test_extract_file_prints_gold_format():
    result = run("extract", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert data["text"] == text
    labels = {e["label"] for e in data["entities"]}
    assert labels == {"DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN"}
    for entity in data["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]
    assert any(r["intervention"] == "colchicine" and r["cohort_size"] == 4745 for r in data["records"])


def test_extract_reads_stdin():
    result = run("extract", "-", stdin="Aspirin reduced stroke in 1,000 patients (3).".encode())
    assert result.returncode == 0, result.stderr
    assert any(e["text"] == "1,000 patients" for e in json.loads(result.stdout)["entities"])


def test_extract_errors_are_one_line_with_exit_code():
    missing = run("extract", "no/such/file.txt")
    assert missing.returncode == 2 and missing.stderr.decode().strip().count("\n") == 0
    empty = run("extract", "-", stdin=b"   ")
    assert empty.returncode == 2 and b"empty" in empty.stderr
    binary = run("extract", "-", stdin=b"\xff\xfe\x00bad")
    assert binary.returncode == 2 and b"UTF-8" in binary.stderr
    no_model = run("extract", str(EXAMPLE), "--model", str(ROOT / "examples"))
    assert no_model.returncode == 2 and b"config.json" in no_model.stderr


def test_evaluate_json_has_the_documented_keys(tmp_path):
    gold = tmp_path / "gold.jsonl"
    text = "Metformin lowered HbA1c in 210 patients (4)."
    gold.write_text(json.dumps({"id": "t1", "text": text, "entities": [
        {"start": 0, "end": 9, "label": "DRUG", "text": "Metformin", "norm": {"name": "metformin"}},
        {"start": 27, "end": 39, "label": "COHORT_SIZE", "text": "210 patients", "norm": {"value": 210}},
    ], "records": []}) + "\n")
    result = run("evaluate", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["passages"] == 1
    assert report["entities"]["strict"]["per_label"]["DRUG"]["f1"] == 1.0
    assert set(report["entities"]["relaxed"]["micro"]) >= {"precision", "recall", "f1"}
    assert report["cohort_size"]["value_accuracy"] == 1.0
    assert "fields" in report["records"]


def test_evaluate_rejects_a_malformed_gold_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = run("evaluate", str(bad))
    assert result.returncode == 2 and b"bad.jsonl:1" in result.stderr


def test_evaluate_table_on_dev():
    if not DEV.exists():
        import pytest
        pytest.skip("no ../shared")
    result = run("evaluate", str(DEV))
    assert result.returncode == 0 and b"micro" in result.stdout


def test_keys_create_prints_the_key_alone_on_its_last_line(tmp_path):
    import os

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'keys.db'}"}

    def keys(*args):
        return subprocess.run([sys.executable, "-m", "extractor", "keys", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    created = keys("create", "alice")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("ek_") and " " not in key
    assert keys("create", "alice").returncode == 2
    assert "alice\tactive" in keys("list").stdout
    assert keys("revoke", "alice").returncode == 0
    assert "alice\trevoked" in keys("list").stdout
    assert keys("revoke", "bob").returncode == 2


def test_rules_only_switch_leaves_the_learned_parts_out(monkeypatch):
    from extractor.cli import use_rules_only
    from extractor.pipeline import LEARNED_COMPONENTS, OPT_IN_COMPONENTS, build_nlp
    from extractor.settings import get_settings

    monkeypatch.delenv("EXTRACTOR_RULES_ONLY", raising=False)
    get_settings.cache_clear()
    assert LEARNED_COMPONENTS - OPT_IN_COMPONENTS <= set(build_nlp().pipe_names)
    monkeypatch.setenv("EXTRACTOR_RULES_ONLY", "0")
    use_rules_only(True)
    try:
        names = build_nlp().pipe_names
        assert "lexicon_matcher" in names and not LEARNED_COMPONENTS & set(names)
    finally:
        get_settings.cache_clear()


def test_rules_only_flag_on_the_commands():
    text = b"In a randomized trial of 240 patients (3), nausea was less frequent with ondansetron."
    for command in ("extract", "evaluate"):
        result = run(command, "--help")
        assert b"--rules-only" in result.stdout
    result = run("extract", "--rules-only", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert [e["text"] for e in json.loads(result.stdout)["entities"] if e["label"] == "DRUG"] == ["ondansetron"]
