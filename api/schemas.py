"""Pydantic request and response models: the API boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

Status = Literal["pending", "accepted", "rejected", "edited"]
Direction = Literal["decrease", "increase", "no_difference", "improve", "worsen"]
Design = Literal["rct", "cohort", "case_control", "case_series", "cross_sectional", "meta_analysis",
                 "systematic_review", "trial_registration", "preprint", "uncontrolled", "other"]


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., description="The passage to extract from.")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    title: Optional[str] = Field(None, max_length=500)
    source: Optional[str] = Field(None, max_length=200)
    external_id: Optional[str] = Field(None, max_length=200, description="A PMID, DOI or other identifier.")


class ValueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    value: float
    unit: Optional[Literal["%"]] = None
    approx: bool = False


class MentionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    start: int
    end: int
    label: str
    text: str
    norm: dict[str, Any]
    ids: dict[str, str] = {}


class Evidence(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    start: int
    end: int


class RecordOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    document_id: int
    intervention: Optional[str]
    comparator: Optional[str]
    outcome: Optional[str]
    population: Optional[str]
    cohort_size: Optional[int]
    design: Optional[str]
    direction: Optional[str]
    values: list[ValueOut]
    hedged: bool
    negated: bool
    refs: list[str]
    evidence: list[Evidence]
    status: Status
    version: int
    updated_at: datetime


class DocumentSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: Optional[str]
    source: Optional[str]
    external_id: Optional[str]
    created_at: datetime
    record_count: int


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: Optional[str]
    source: Optional[str]
    external_id: Optional[str]
    text: str
    content_hash: str
    created_at: datetime
    mentions: list[MentionOut]
    records: list[RecordOut]
    created: bool = True


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class RecordPage(BaseModel):
    items: list[RecordOut]
    total: int
    limit: int
    offset: int


class ValueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float = Field(..., allow_inf_nan=False)
    unit: Optional[Literal["%"]] = None
    approx: StrictBool = False


class RecordFields(BaseModel):
    """Record fields a curator may change; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")
    intervention: Optional[str] = Field(None, max_length=300)
    comparator: Optional[str] = Field(None, max_length=500)
    outcome: Optional[str] = Field(None, max_length=300)
    population: Optional[str] = Field(None, max_length=500)
    cohort_size: Optional[StrictInt] = Field(None, ge=0, le=2_000_000_000)
    design: Optional[Design] = None
    direction: Optional[Direction] = None
    values: Optional[list[ValueIn]] = Field(None, max_length=100)
    hedged: Optional[StrictBool] = None
    negated: Optional[StrictBool] = None
    refs: Optional[list[str]] = Field(None, max_length=200)


class RecordPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: StrictInt = Field(..., ge=1, le=2_000_000_000, description="The version of the record the curator read.")
    status: Optional[Literal["accepted", "rejected"]] = None
    fields: Optional[RecordFields] = None
    comment: Optional[str] = Field(None, max_length=5000)

    @field_validator("fields")
    @classmethod
    def _not_empty(cls, value: Optional[RecordFields]) -> Optional[RecordFields]:
        return value


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    curator: str
    action: str
    changes: dict[str, Any]
    comment: Optional[str]
    version: int
    at: datetime


class ErrorOut(BaseModel):
    error: str
    detail: Any = None


class ConflictOut(BaseModel):
    error: str
    current: RecordOut
