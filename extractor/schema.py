"""Plain dataclasses the pipeline speaks, with conversion to and from the gold JSON format."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

LABELS = ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")
DIRECTIONS = ("decrease", "increase", "no_difference", "improve", "worsen")
RECORD_FIELDS = (
    "intervention", "comparator", "outcome", "population", "cohort_size", "design",
    "direction", "values", "hedged", "negated", "refs",
)


def stored_fields(cls) -> list[str]:
    """The fields of a dataclass here that the curation store keeps (api/schemas.py builds its models from them)."""
    return [f.name for f in fields(cls) if f.metadata.get("stored", True)]


@dataclass
class Mention:
    """One tagged mention: a character span, its label and its normalized form."""

    start: int
    end: int
    label: str
    text: str
    norm: dict[str, Any]
    ids: dict[str, str] = field(default_factory=dict)
    # What the pipeline says about its own output; the curation store does not keep these (nor its API models).
    source: str = field(default="rules", metadata={"stored": False})
    negated: bool = field(default=False, metadata={"stored": False})
    hedged: bool = field(default=False, metadata={"stored": False})

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "label": self.label,
            "text": self.text, "norm": self.norm,
        }
        if self.ids:
            out["ids"] = self.ids
        if self.negated:
            out["negated"] = True
        if self.hedged:
            out["hedged"] = True
        if self.source != "rules":
            out["source"] = self.source
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Mention":
        return cls(
            start=data["start"], end=data["end"], label=data["label"],
            text=data.get("text", ""), norm=data.get("norm") or {},
            ids=data.get("ids") or {}, source=data.get("source", "gold"),
            negated=bool(data.get("negated", False)), hedged=bool(data.get("hedged", False)),
        )


@dataclass
class EvidenceRecord:
    """One claim a passage reports about an intervention and an outcome."""

    intervention: str | None
    outcome: str | None
    comparator: str | None = None
    population: str | None = None
    cohort_size: int | None = None
    design: str | None = None
    direction: str | None = None
    values: list[dict[str, Any]] = field(default_factory=list)
    hedged: bool = False
    negated: bool = False
    refs: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self, with_evidence: bool = True) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in RECORD_FIELDS}
        out["values"] = list(self.values)
        out["refs"] = list(self.refs)
        if with_evidence:
            out["evidence"] = [{"start": s, "end": e} for s, e in self.evidence]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EvidenceRecord":
        kwargs = {name: data.get(name) for name in RECORD_FIELDS}
        kwargs["values"] = list(data.get("values") or [])
        kwargs["refs"] = [str(r) for r in data.get("refs") or []]
        kwargs["hedged"] = bool(data.get("hedged", False))
        kwargs["negated"] = bool(data.get("negated", False))
        evidence = [(e["start"], e["end"]) for e in data.get("evidence") or []]
        return cls(**kwargs, evidence=evidence)


@dataclass
class Extraction:
    """Everything the pipeline found in one passage."""

    text: str
    entities: list[Mention] = field(default_factory=list)
    records: list[EvidenceRecord] = field(default_factory=list)
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["text"] = self.text
        out["entities"] = [m.to_dict() for m in self.entities]
        out["records"] = [r.to_dict() for r in self.records]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        return cls(
            id=data.get("id"),
            text=data["text"],
            entities=[Mention.from_dict(e) for e in data.get("entities") or []],
            records=[EvidenceRecord.from_dict(r) for r in data.get("records") or []],
        )
