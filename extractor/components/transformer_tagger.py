"""A fine-tuned token classifier beside the rules (optional: needs the ``model`` extra).

Merge policy, applied before the resolver:
1. Rule candidates (lexicons, patterns) always stay: they are exact and carry identifiers.
2. A model span is added only where it overlaps no rule candidate, and only if its mean
   word-piece probability reaches ``threshold``; it then competes in the resolver like any
   candidate (longest first).
3. A model span gets its norm from the lexicon of its label when the lexicon knows the text,
   so a drug the rules missed in context still gets its canonical name and identifiers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import Lexicon
from .spans import add_candidate, candidates, encode_ids


class TransformerTagger:
    def __init__(self, nlp: Language, name: str, model_path: str, threshold: float, batch_size: int,
                 lexicons: dict[str, Lexicon]):
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        self.name = name
        path = Path(model_path)
        if not (path / "config.json").exists():
            raise FileNotFoundError(f"no model folder at {path} (expected config.json)")
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModelForTokenClassification.from_pretrained(str(path))
        self.model.eval()
        self.threshold = threshold
        self.batch_size = batch_size
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        from ..train import predict_spans

        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch, predict_spans)
                batch = []
        if batch:
            yield from self._tag(batch, predict_spans)

    def _tag(self, docs: list[Doc], predict_spans) -> list[Doc]:
        sentences = [(doc, sent) for doc in docs for sent in doc.sents]
        found = predict_spans(self.model, self.tokenizer, [sent.text for _, sent in sentences], self.batch_size)
        for (doc, sent), spans in zip(sentences, found):
            taken = {i for c in candidates(doc) for i in range(c.start, c.end)}
            for start, end, label, score in spans:
                if score < self.threshold:
                    continue
                span = doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
                if span is None or not span.text.strip() or not taken.isdisjoint(range(span.start, span.end)):
                    continue
                entry = self.lexicons[label].get(span.text) if label in self.lexicons else None
                ids = {"source": "model", **(entry.ids_dict() if entry else {})}
                add_candidate(doc, span.start, span.end, label, entry.name if entry else "", encode_ids(ids))
                taken.update(range(span.start, span.end))
        return docs


@Language.factory("transformer_tagger", default_config={"model_path": "", "threshold": 0.5, "batch_size": 16})
def make_transformer_tagger(nlp: Language, name: str, model_path: str, threshold: float, batch_size: int) -> TransformerTagger:
    from ..pipeline import shared_lexicons

    return TransformerTagger(nlp, name, model_path, threshold, batch_size, shared_lexicons())
