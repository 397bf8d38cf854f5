"""Training data for the sentence-role textcat: sentences of real structured abstracts, as DocBins.

Source: ``evidence-inference/spans.jsonl`` (never the articles of ``evidence-inference/dev.jsonl``).
An abstract counts as structured when :func:`extractor.components.roles.find_headings` finds at
least two headings with a role. Each sentence takes the role of the section it sits in; the heading
words are cut out, so the model learns the sentence, not its label. Text before the first heading
(the title) and under headings without a role (trial registration, key words) is left out.

A sentence of a background section that states an aim or a hypothesis (the ``_objective_cues`` of
``section_headings.json``) is labelled objective: many abstracts state their aim at the end of the
background, and the pipeline must not read an aim as a result.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..components.roles import OTHER, ROLES, find_headings, objective_cues, sections
from ..splits import ei_article_id, is_held_out
from .span_data import EI_DIR, PASSAGES, excluded_article_ids, read_jsonl, silver_articles, split_by_article

EVIDENCE = EI_DIR / "evidence.jsonl"

MIN_HEADINGS = 2
MIN_SENTENCE_CHARS = 12


def is_structured(text: str) -> bool:
    return len([h for h in find_headings(text) if h.role != OTHER]) >= MIN_HEADINGS


def sentence_splitter():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def labelled_sentences(text: str, splitter) -> list[tuple[str, str]]:
    """(sentence, role) for every sentence under a role heading of one structured abstract."""
    found = []
    for start, end, role in sections(text):
        if role is None:
            continue
        for sent in splitter(text[start:end]).sents:
            sentence = sent.text.strip()
            if len(sentence) < MIN_SENTENCE_CHARS:
                continue
            if role == "background" and objective_cues().search(sentence):
                role_here = "objective"
            else:
                role_here = role
            found.append((sentence, role_here))
    return found


def role_examples(articles: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """Article id -> its labelled sentences, for the structured abstracts among ``articles``."""
    splitter = sentence_splitter()
    return {row["id"]: labelled_sentences(row["text"], splitter) for row in articles if is_structured(row["text"])}


def evidence_results(excluded: set[str]) -> list[tuple[str, str]]:
    """The doctors' cited evidence (a result statement, one per distinct text) as "results" sentences,
    from articles not in ``excluded`` (dev.jsonl and the validation articles)."""
    texts = {row["evidence"].strip() for row in read_jsonl(EVIDENCE)
             if ei_article_id(row["pmcid"]) not in excluded and len(row["evidence"]) >= MIN_SENTENCE_CHARS}
    return [(text, "results") for text in sorted(texts)]


def passage_results(splitter) -> list[tuple[str, str]]:
    """Sentences of our own passages (never held-out ones) that carry a gold record: "results"."""
    found = []
    for passage in read_jsonl(PASSAGES):
        if is_held_out(passage["id"]):
            continue
        record_outcomes = {r["outcome"].lower() for r in passage.get("records", []) if r.get("outcome")}
        starts = [e["start"] for e in passage["entities"]
                  if e["label"] in ("OUTCOME", "LAB_MARKER") and e["norm"].get("name", "").lower() in record_outcomes]
        for sent in splitter(passage["text"]).sents:
            if any(sent.start_char <= start < sent.end_char for start in starts):
                found.append((sent.text.strip(), "results"))
    return found


def _to_docbin(pairs: list[tuple[str, str]], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docs = DocBin()
    for doc, role in zip(nlp.pipe(text for text, _ in pairs), (role for _, role in pairs)):
        doc.cats = {label: float(label == role) for label in ROLES}
        docs.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)


def build_corpora(corpus_dir: Path, seed: int = 0, validation_share: float = 0.2,
                  with_evidence: bool = False, with_passages: bool = False) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` (validation articles); return what went in.

    Validation holds structured-abstract sentences only. The options add the doctors' evidence
    texts and our passages' record sentences as "results" on the training side; both measured
    worse on validation (accuracy 0.72 without, 0.53 with the evidence), so they are off.
    """
    articles = silver_articles()
    by_article = role_examples(articles)
    train_ids, validation_ids = split_by_article(by_article, validation_share, seed)
    train = [pair for i in sorted(train_ids) for pair in by_article[i]]
    if with_evidence:
        train += evidence_results(excluded_article_ids() | validation_ids)
    if with_passages:
        train += passage_results(sentence_splitter())
    validation = [pair for i in sorted(validation_ids) for pair in by_article[i]]
    _to_docbin(train, corpus_dir / "train.spacy")
    _to_docbin(validation, corpus_dir / "dev.spacy")
    return {"articles": {"train": len(train_ids), "validation": len(validation_ids)},
            "sentences": {"train": dict(Counter(r for _, r in train)),
                          "validation": dict(Counter(r for _, r in validation))},
            "validation_pairs": validation}
