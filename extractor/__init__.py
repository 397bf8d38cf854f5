"""Evidence extraction from biomedical prose.

>>> import extractor
>>> pipeline = extractor.load()
>>> result = pipeline.extract("Hydrocortisone reduced 90-day mortality in 1,310 patients (12).")
>>> [m.label for m in result.entities]
['DRUG', 'OUTCOME', 'COHORT_SIZE']
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .schema import EvidenceRecord, Extraction, Mention

__all__ = ["load", "Extractor", "Extraction", "Mention", "EvidenceRecord"]
__version__ = "0.1.0"
# Names an outcome and a result, so every component loads what it loads on first use (the learned models).
WARM_UP_TEXT = "Hydrocortisone reduced 90-day mortality in 1,310 patients (12)."


class Extractor:
    """The loaded pipeline: ``extract`` for one text, ``pipe`` for many; ``nlp`` is the spaCy Language."""

    def __init__(self, model_path: Path | None = None):
        from .pipeline import build_nlp

        self.nlp = build_nlp(model_path)

    def warm_up(self) -> "Extractor":
        """Load now what the components would load on the first text (the trained models, 0.2-0.6 s; the
        disease headings the arm names are checked against), so that a service's first request, and every
        worker process forked after this, starts warm."""
        from .lexicons import condition_mesh_ids

        self.extract(WARM_UP_TEXT)
        condition_mesh_ids()
        return self

    def extract(self, text: str, doc_id: str | None = None) -> Extraction:
        return self.from_doc(self.nlp(text), doc_id)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Extraction]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self.from_doc(doc)

    @staticmethod
    def from_doc(doc, doc_id: str | None = None) -> Extraction:
        from .components.spans import doc_text
        from .mentions import doc_mentions
        from .records import build_records

        ents = doc.ents  # spaCy builds the tuple anew on every read: read once for both stages
        mentions = doc_mentions(doc, ents)
        return Extraction(text=doc_text(doc), entities=mentions, records=build_records(doc, mentions, ents), id=doc_id)


def load(model_path: str | Path | None = None) -> Extractor:
    """Build the pipeline once; reuse the returned object for every text."""
    return Extractor(Path(model_path) if model_path else None)
