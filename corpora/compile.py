"""Compiles the project's annotated passages from inline markup into the gold JSONL format.

Markup (src/*.txt):
    ## passage-id
    Text with [a mention]{LABEL|norm} inline; norm is a name for DRUG, LAB_MARKER and OUTCOME,
    an integer for COHORT_SIZE, and a design (optionally "design,retro" or "design,pro") for STUDY_DESIGN.
    @ intervention=...; outcome=...; cohort=N; design=...; direction=...; values=12.1%,~5%,0.8;
      comparator=...; population=...; refs=4,5; hedged; negated

Run: python corpora/compile.py  (writes corpora/passages.jsonl)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MENTION = re.compile(r"\[([^\]]+)\]\{([A-Z_]+)\|([^}]*)\}")


def norm_for(label: str, raw: str) -> dict:
    if label == "COHORT_SIZE":
        return {"value": int(raw)}
    if label == "STUDY_DESIGN":
        design, _, flag = raw.partition(",")
        norm = {"design": design}
        if flag:
            norm["retrospective"] = flag == "retro"
        return norm
    return {"name": raw}


def parse_value(raw: str) -> dict:
    approx = raw.startswith("~")
    raw = raw.lstrip("~")
    unit = "%" if raw.endswith("%") else None
    number = float(raw.rstrip("%"))
    return {"value": int(number) if number.is_integer() and "." not in raw else number, "unit": unit, "approx": approx}


def parse_record(line: str) -> dict:
    record = {"intervention": None, "comparator": None, "outcome": None, "population": None, "cohort_size": None,
              "design": None, "direction": None, "values": [], "hedged": False, "negated": False, "refs": []}
    for part in (p.strip() for p in line.split(";")):
        if not part:
            continue
        key, _, value = part.partition("=")
        key = key.strip()
        value = value.strip()
        if key in ("hedged", "negated"):
            record[key] = True
        elif key == "cohort":
            record["cohort_size"] = int(value)
        elif key == "values":
            record["values"] = [parse_value(v.strip()) for v in value.split(",") if v.strip()]
        elif key == "refs":
            record["refs"] = [v.strip() for v in value.split(",") if v.strip()]
        elif key in record:
            record[key] = value
        else:
            raise ValueError(f"unknown record field {key!r} in: {line}")
    return record


def compile_passage(pid: str, lines: list[str]) -> dict:
    body = " ".join(l.strip() for l in lines if not l.startswith("@")).strip()
    text, entities, pos = "", [], 0
    for match in MENTION.finditer(body):
        text += body[pos:match.start()]
        surface, label, raw = match.groups()
        entities.append({"start": len(text), "end": len(text) + len(surface), "label": label, "text": surface,
                         "norm": norm_for(label, raw)})
        text += surface
        pos = match.end()
    text += body[pos:]
    records = [parse_record(l[1:]) for l in lines if l.startswith("@")]
    return {"id": pid, "text": text, "entities": entities, "records": records}


def compile_file(path: Path) -> list[dict]:
    passages, pid, lines = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            if pid:
                passages.append(compile_passage(pid, lines))
            pid, lines = line[3:].strip(), []
        elif line.strip() and pid:
            lines.append(line)
    if pid:
        passages.append(compile_passage(pid, lines))
    return passages


def main() -> int:
    passages = [p for path in sorted((HERE / "src").glob("*.txt")) for p in compile_file(path)]
    out = HERE / "passages.jsonl"
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8")
    print(f"{len(passages)} passages, {sum(len(p['entities']) for p in passages)} mentions, "
          f"{sum(len(p['records']) for p in passages)} records -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
