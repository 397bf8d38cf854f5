"""The ``extractor`` command line: extract, evaluate, and the service and batch commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Evidence extraction from biomedical prose.")


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def read_text(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.is_file():
            fail(f"no such file: {source}")
        data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"{source} is not UTF-8 text ({error.reason} at byte {error.start})")
    return ""


@app.command()
def extract(
    source: str = typer.Argument(..., help="A text file, or - to read standard input."),
    model: Optional[Path] = typer.Option(None, "--model", help="A trained tagger folder to run beside the rules."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON output."),
    doc_id: Optional[str] = typer.Option(None, "--id", help="An id to put in the output."),
) -> None:
    """Tag a passage and print its mentions and evidence records as one JSON object (gold format)."""
    text = read_text(source)
    if not text.strip():
        fail("the input text is empty")
    if model is not None and not model.is_dir():
        fail(f"no model folder at {model}")
    from . import load

    result = load(model).extract(text, doc_id=doc_id)
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2 if pretty else None))


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="A gold JSONL file in the ANNOTATION.md format."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    labels: Optional[str] = typer.Option(None, "--labels", help="Comma-separated labels to score."),
    label_map: Optional[List[str]] = typer.Option(None, "--map", help="Score a predicted label as a gold label: DRUG=CHEMICAL."),
    model: Optional[Path] = typer.Option(None, "--model", help="A trained tagger folder to run beside the rules."),
    errors: bool = typer.Option(False, "--errors", help="Include every false positive and negative in the JSON."),
) -> None:
    """Score the pipeline against annotated passages."""
    from .evaluate import GoldFormatError, evaluate as score, format_table, parse_label_map, read_gold

    if not gold.is_file():
        fail(f"no such file: {gold}")
    try:
        passages = list(read_gold(gold))
        mapping = parse_label_map(label_map or [])
    except (GoldFormatError, ValueError, UnicodeDecodeError) as error:
        fail(str(error))
    if not passages:
        fail(f"{gold} holds no passages")
    from . import load

    pipeline = load(model)
    predicted = list(pipeline.pipe(p.text for p in passages))
    chosen = [label.strip() for label in labels.split(",")] if labels else None
    report = score(passages, predicted, chosen, mapping)
    if not errors:
        report.pop("errors")
    typer.echo(json.dumps(report, indent=2) if as_json else format_table(report))


def main() -> None:  # pragma: no cover - console entry point
    app()
