"""An upload (a file, or pasted text) read into the documents of a job, with the batch readers.

The file is written under a fresh temporary folder with a cleaned name and read by
extractor/readers.py, exactly as `extractor batch` would read it; the folder's path is taken out of
every name and reason again. A malformed line or article becomes a failed item with its reason;
an upload in which nothing at all can be read is refused whole (422), so nothing is stored.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractor.readers import SUFFIXES, TEXT_SUFFIXES, ReadFailure, SourceDocument, read_file

from .errors import UploadRefused

NAME_LIMIT = 120  # characters kept of an uploaded file's name


@dataclass
class UploadItem:
    """One document of an upload, or (with ``reason``) one part of it that could not be read."""

    name: str | None
    text: str | None = None
    title: str | None = None
    source: str | None = None
    external_id: str | None = None
    reason: str | None = None


def clean(value, limit: int) -> str | None:
    """A string fit for a short column: NUL removed, cut to ``limit``; None when nothing is left."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).replace("\x00", "").strip()
    return text[:limit] or None


def safe_filename(name: str | None) -> str:
    """The uploaded file's base name with only plain characters, checked for a suffix the readers know (415)."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")[-NAME_LIMIT:]
    suffix = Path(cleaned).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise UploadRefused(415, f"cannot read a file named {base[:NAME_LIMIT]!r}: the name must end in one of {known}")
    return cleaned


def text_problem(text: str, max_chars: int) -> str | None:
    """Why a document's text cannot be stored, or None."""
    if len(text) > max_chars:
        return f"the text has {len(text)} characters; the limit is {max_chars}"
    if "\x00" in text:
        return "the text holds a NUL character"
    return None


def external_id(document: SourceDocument, suffix: str) -> str | None:
    """The PMID or PMCID the reader found (so the pages can link to the source), else the document's own id."""
    metadata = document.metadata
    if clean(metadata.get("pmid"), 20):
        return f"PMID:{clean(metadata['pmid'], 20)}"
    pmcid = clean(metadata.get("pmcid"), 20)
    if pmcid:
        return pmcid if pmcid.upper().startswith("PMC") else f"PMC{pmcid}"
    return None if suffix in TEXT_SUFFIXES else clean(document.id, 200)


def to_item(found: SourceDocument | ReadFailure, folder: str, suffix: str, source: str | None,
            max_chars: int) -> UploadItem:
    def local(text):  # the temporary folder means nothing to the curator
        return None if text is None else str(text).replace(folder + "/", "")

    if isinstance(found, ReadFailure):
        return UploadItem(clean(local(found.id or found.source), 300), reason=local(found.reason))
    metadata = found.metadata
    item = UploadItem(clean(local(found.id), 300), found.text, clean(metadata.get("title"), 500),
                      clean(metadata.get("source"), 200) or source, external_id(found, suffix))
    item.reason = text_problem(found.text, max_chars)
    return item


def read_upload(data: bytes, filename: str, source: str | None, max_chars: int, max_documents: int) -> list[UploadItem]:
    """Read an uploaded file (``filename`` already made safe) into items; refuses an upload with no document."""
    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="evidence-upload-") as folder:
        path = Path(folder) / filename
        path.write_bytes(data)
        items = [to_item(found, folder, suffix, source or filename, max_chars) for found in read_file(path, path)]
    return checked(items, max_documents)


def pasted(text: str, title: str | None, source: str | None, max_chars: int) -> list[UploadItem]:
    """Pasted text is one document; a text that cannot be stored is refused like POST /documents refuses it."""
    if not text.strip():
        raise UploadRefused(422, "the pasted text is empty")
    if len(text) > max_chars:
        raise UploadRefused(413, f"the text has {len(text)} characters; the limit is {max_chars}")
    problem = text_problem(text, max_chars)
    if problem:
        raise UploadRefused(422, problem)
    return [UploadItem("pasted text", text, title, source or "pasted")]


def checked(items: list[UploadItem], max_documents: int) -> list[UploadItem]:
    if len(items) > max_documents:
        raise UploadRefused(413, f"the upload holds {len(items)} documents; the limit is {max_documents}")
    if not items:
        raise UploadRefused(422, "the file holds no document")
    if not any(item.reason is None for item in items):
        reasons = "; ".join(f"{item.name}: {item.reason}" if item.name else item.reason for item in items[:5])
        raise UploadRefused(422, f"no document could be read from the upload ({reasons})",
                            [{"name": item.name, "reason": item.reason} for item in items[:100]])
    return items
