"""Pydantic request and response models: the API boundary."""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import datetime, timezone
from typing import Annotated, Any, Literal, Optional, Union, get_type_hints

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, create_model

from extractor.normalize import DESIGNS
from extractor.schema import DIRECTIONS, LABELS, RECORD_FIELDS, EvidenceRecord, Mention, stored_fields
from extractor.values import KINDS


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _encodable(value: Optional[str]) -> Optional[str]:
    """Refuses what neither store can keep the same way: lone surrogates, and NUL (PostgreSQL text cannot hold it)."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError("the text holds characters that are not valid Unicode (lone surrogates)") from error
        if "\x00" in value:
            raise ValueError("the text holds a NUL character")
    return value


def _number_not_text(value):
    """JSON Schema's integer: a whole number (216.0 counts), never a string or a boolean."""
    if isinstance(value, (str, bool)):
        raise ValueError("the version must be a JSON number, not a string or a boolean")
    return value


def _not_null_when_sent(schema: dict) -> None:
    schema.pop("default", None)  # "leave it as it is" is saying nothing, not sending null


# SQLite hands back naive datetimes; the API always says they are UTC.
UtcDatetime = Annotated[datetime, AfterValidator(_aware)]
# The patterns only tell clients (and schemathesis) that NUL is refused; _encodable enforces it with a clear message.
CleanText = Annotated[str, AfterValidator(_encodable), Field(json_schema_extra={"pattern": "^[^\\x00]*$"})]
# "Not blank" spelled out: Python's str.strip() (what the service checks) also strips \x1c-\x1f and \x85,
# which JSON Schema's \s does not cover, so the pattern names them for clients and schemathesis alike.
NOT_BLANK = r"[^\s\x1c-\x1f\x85]"
NOT_BLANK_NOR_NUL = "^[^\\x00]*" + NOT_BLANK[:-1] + "\\x00][^\\x00]*$"
PassageText = Annotated[str, Field(min_length=1, pattern=NOT_BLANK), AfterValidator(_encodable),
                        Field(json_schema_extra={"pattern": NOT_BLANK_NOR_NUL})]

Status = Literal["pending", "accepted", "rejected", "edited"]
Direction = Literal[DIRECTIONS]  # the pipeline's own lists (extractor/schema.py, normalize.py, values.py)
Design = Literal[DESIGNS]


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: PassageText = Field(..., description="The passage to extract from.")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: PassageText
    title: Optional[CleanText] = Field(None, max_length=500)
    source: Optional[CleanText] = Field(None, max_length=200)
    external_id: Optional[CleanText] = Field(None, max_length=200, description="A PMID, DOI or other identifier.")


ValueKind = Literal[KINDS]
Comparator = Literal["<", "<=", "=", ">", ">="]


MAX_UNIT_CHARS = 32  # "mL/min/1.73 m2" and longer units fit; a paragraph does not


class ValueOut(BaseModel):
    """A reported value: the gold format's value, unit and approx, typed where the text says what it is."""

    model_config = ConfigDict(from_attributes=True)
    value: float
    unit: Optional[str] = None  # "%" or the unit written after the value ("mmol/L", "days")
    approx: bool = False
    kind: Optional[ValueKind] = None
    ci_low: Optional[float] = None
    ci_high: Optional[float] = None
    ci_level: Optional[float] = None
    comparator: Optional[Comparator] = None
    denominator: Optional[float] = None


def pipeline_fields(cls, names: list[str], types: dict[str, Any] | None = None, defaults: bool = True) -> dict:
    """pydantic field definitions for fields of a pipeline dataclass (extractor/schema.py), in the order
    named: the same names, types and (where ``defaults``) defaults, so a field is declared once there.
    ``types`` replaces a field's type with the API model of its items."""
    hints = get_type_hints(cls)
    declared = {f.name: f for f in fields(cls)}
    definitions = {}
    for name in names:
        default = ...
        if defaults and declared[name].default is not MISSING:
            default = declared[name].default
        elif defaults and declared[name].default_factory is not MISSING:
            default = declared[name].default_factory()
        definitions[name] = ((types or {}).get(name, hints[name]), default)
    return definitions


MentionOut = create_model(
    "MentionOut", __config__=ConfigDict(from_attributes=True),
    id=(int, ...), document_id=(int, ...), version=(int, ...),
    **pipeline_fields(Mention, stored_fields(Mention)),
)


class Evidence(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    start: int
    end: int


# Every field a stored record has is sent, so none has a default here.
RecordOut = create_model(
    "RecordOut", __config__=ConfigDict(from_attributes=True),
    id=(int, ...), document_id=(int, ...),
    **pipeline_fields(EvidenceRecord, [*RECORD_FIELDS, "evidence"],
                      types={"values": list[ValueOut], "evidence": list[Evidence]}, defaults=False),
    status=(Status, ...),
    needs_review=(bool, Field(False, description="A mention in its evidence changed while it was pending.")),
    version=(int, ...),
    updated_at=(UtcDatetime, ...),
)


class DocumentSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: Optional[str]
    source: Optional[str]
    external_id: Optional[str]
    created_at: UtcDatetime
    record_count: int


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: Optional[str]
    source: Optional[str]
    external_id: Optional[str]
    text: str
    content_hash: str
    created_at: UtcDatetime
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
    unit: Optional[str] = Field(None, min_length=1, max_length=MAX_UNIT_CHARS)
    approx: StrictBool = False
    kind: Optional[ValueKind] = None
    ci_low: Optional[float] = Field(None, allow_inf_nan=False)
    ci_high: Optional[float] = Field(None, allow_inf_nan=False)
    ci_level: Optional[float] = Field(None, allow_inf_nan=False)
    comparator: Optional[Comparator] = None


# What a curator may send for each field of a record, with the API's limits; a record field added to
# the pipeline (extractor.schema.RECORD_FIELDS) without an entry here stops the service from starting.
EDITABLE = {
    "intervention": (Optional[CleanText], Field(None, max_length=300)),
    "comparator": (Optional[CleanText], Field(None, max_length=500)),
    "outcome": (Optional[CleanText], Field(None, max_length=300)),
    "population": (Optional[CleanText], Field(None, max_length=500)),
    "cohort_size": (Optional[int], Field(None, ge=0, le=2_000_000_000)),
    "design": (Optional[Design], None),
    "direction": (Optional[Direction], None),
    # Not nullable: each may be left out, but null is refused (422).
    "values": (list[ValueIn], Field(None, max_length=100, json_schema_extra=_not_null_when_sent)),
    "hedged": (StrictBool, Field(None, json_schema_extra=_not_null_when_sent)),
    "negated": (StrictBool, Field(None, json_schema_extra=_not_null_when_sent)),
    "refs": (list[Annotated[CleanText, Field(max_length=50)]],
             Field(None, max_length=200, json_schema_extra=_not_null_when_sent)),
}
RecordFields = create_model(
    "RecordFields", __doc__="Record fields a curator may change; only the fields sent are changed.",
    __config__=ConfigDict(extra="forbid"), **{name: EDITABLE[name] for name in RECORD_FIELDS},
)


class RecordPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Annotated[int, BeforeValidator(_number_not_text)] = Field(..., ge=1, le=2_000_000_000, description="The version of the record the curator read.")
    status: Optional[Literal["accepted", "rejected"]] = None
    fields: Optional[RecordFields] = None
    comment: Optional[CleanText] = Field(None, max_length=5000)


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    curator: str
    action: str
    changes: dict[str, Any]
    comment: Optional[str]
    version: int
    at: UtcDatetime


Label = Literal[LABELS]
NormKey = Annotated[CleanText, Field(min_length=1, max_length=100)]
NormValue = Union[StrictBool, StrictInt, Annotated[float, Field(allow_inf_nan=False)],
                  Annotated[CleanText, Field(max_length=500)], None]
Norm = Annotated[dict[NormKey, NormValue], Field(max_length=20)]


class MentionIn(BaseModel):
    """A new mention: its span and label; the text is taken from the document."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(..., ge=0, le=2_000_000_000, description="Character offset where the mention starts.")
    end: int = Field(..., ge=1, le=2_000_000_000, description="Character offset just past its end.")
    label: Label
    norm: Norm = Field(default_factory=dict, json_schema_extra=_not_null_when_sent)


class MentionPatch(BaseModel):
    """A mention's new label and/or norm, naming the version the curator read."""

    model_config = ConfigDict(extra="forbid")
    version: Annotated[int, BeforeValidator(_number_not_text)] = Field(..., ge=1, le=2_000_000_000, description="The version of the mention the curator read.")
    label: Label = Field(None, json_schema_extra=_not_null_when_sent)
    norm: Norm = Field(None, json_schema_extra=_not_null_when_sent)


class MentionResult(BaseModel):
    """The mention after the change (null once removed) and the pending records it flagged for review."""

    mention: Optional[MentionOut]
    flagged_records: list[RecordOut]


class MentionHistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    mention_id: int
    document_id: int
    curator: str
    action: Literal["add", "edit", "remove"]
    before: Optional[dict[str, Any]]
    after: Optional[dict[str, Any]]
    version: int
    flagged_records: list[int]
    at: UtcDatetime


class ErrorOut(BaseModel):
    error: str
    detail: Any = None


class ConflictOut(BaseModel):
    error: str
    current: RecordOut


class MentionConflictOut(BaseModel):
    """A stale version or an overlapping span (``current`` is that mention), or a span outside the text."""

    error: str
    current: Optional[MentionOut] = None


class EvidenceGroup(BaseModel):
    direction: str
    design: str
    count: int
    cohort_total: int = Field(..., description="Summed cohorts, each document once with its largest cohort.")
    record_ids: list[int]


class EffectOut(BaseModel):
    record_id: int
    document_id: int
    kind: str
    value: float
    ci_low: float
    ci_high: float
    ci_level: Optional[float] = None
    direction: Optional[str] = None
    label: str


class EvidenceDocument(BaseModel):
    id: int
    title: Optional[str]
    external_id: Optional[str]
    link: Optional[str] = Field(None, description="PubMed or PubMed Central, where the external id is a PMID or PMCID.")


class EvidenceOut(BaseModel):
    drug: str
    outcome: str
    total: int = Field(..., description="Records that match (rejected ones left out).")
    cohort_total: int
    groups: list[EvidenceGroup]
    effects: list[EffectOut]
    chart: Literal["forest", "counts"]
    measure: Optional[str] = Field(None, description="The one effect measure the forest plot draws.")
    records: list[RecordOut]
    documents: list[EvidenceDocument]


JobStatus = Literal["queued", "running", "done", "failed"]


class JobSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    kind: str
    status: JobStatus
    curator: str
    filename: Optional[str] = Field(None, description="The uploaded file's name, made safe; null for pasted text.")
    total: int = Field(..., description="Documents in the upload, those that could not be read included.")
    done: int = Field(..., description="Documents stored (or found already stored).")
    failed: int
    error: Optional[str] = None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class JobDocument(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    position: int
    name: Optional[str]
    document_id: Optional[int] = Field(None, description="Null only if the document was deleted since.")
    created: Optional[bool] = Field(None, description="False when the same text was stored before.")


class JobFailure(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    position: int
    name: Optional[str]
    reason: Optional[str]


class JobOut(JobSummary):
    documents: list[JobDocument] = Field(..., description="The stored documents, in upload order (the first 500).")
    failures: list[JobFailure] = Field(..., description="What could not be stored and why (the first 500).")


class JobPage(BaseModel):
    items: list[JobSummary]
    total: int
    limit: int
    offset: int
