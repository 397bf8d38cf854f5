"""Links to where a document came from, for the ids the readers keep."""

from __future__ import annotations

import re


def source_link(external_id: str | None) -> dict | None:
    """A link to PubMed or PubMed Central for ids the readers keep (PMID:123, a PMC id), else None."""
    if not external_id:
        return None
    pmid = re.fullmatch(r"(?:PMID:?\s*)(\d{1,9})", external_id.strip(), re.IGNORECASE)
    if pmid:
        return {"url": f"https://pubmed.ncbi.nlm.nih.gov/{pmid.group(1)}/", "label": f"PMID {pmid.group(1)}"}
    pmcid = re.fullmatch(r"(?:PMCID:?\s*)?PMC(\d{1,9})", external_id.strip(), re.IGNORECASE)
    if pmcid:
        return {"url": f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmcid.group(1)}/",
                "label": f"PMC{pmcid.group(1)}"}
    return None
