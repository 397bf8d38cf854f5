"""The evidence summary for one drug and one outcome, as JSON and as an SVG chart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ..deps import get_session
from ..evidence import Summary, chart_svg, summarize
from ..links import source_link
from ..schemas import CleanText, EvidenceDocument, EvidenceOut, RecordOut

router = APIRouter(tags=["evidence"])
Drug = Annotated[CleanText, Query(min_length=1, max_length=300, description="Part of the intervention, any case.")]
Outcome = Annotated[CleanText, Query(min_length=1, max_length=300, description="Part of the outcome, any case.")]


def evidence_out(summary: Summary) -> EvidenceOut:
    documents = [EvidenceDocument(id=d.id, title=d.title, external_id=d.external_id,
                                  link=(source_link(d.external_id) or {}).get("url"))
                 for d in sorted(summary.documents.values(), key=lambda d: d.id)]
    return EvidenceOut(drug=summary.drug, outcome=summary.outcome, total=summary.total, cohort_total=summary.cohort_total,
                       groups=summary.groups, effects=summary.effects, chart=summary.chart, measure=summary.measure,
                       records=[RecordOut.model_validate(r) for r in summary.records], documents=documents)


@router.get("/evidence", response_model=EvidenceOut,
            summary="The evidence on one drug and one outcome: grouped records, cohorts, effects, chart kind")
def evidence(drug: Drug, outcome: Outcome, session: Session = Depends(get_session)) -> EvidenceOut:
    return evidence_out(summarize(session, drug, outcome))


@router.get("/evidence.svg", response_class=Response, summary="The evidence chart as an SVG file",
            responses={200: {"content": {"image/svg+xml": {}}, "description": "The chart"}})
def evidence_svg(drug: Drug, outcome: Outcome, session: Session = Depends(get_session)) -> Response:
    return Response(chart_svg(summarize(session, drug, outcome)), media_type="image/svg+xml",
                    headers={"Content-Disposition": 'attachment; filename="evidence.svg"'})
