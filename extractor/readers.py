"""Document readers: a folder of .txt, .md, .jsonl, PubMed/MEDLINE XML and BioC (XML, JSON) -> documents.

Each reader yields :class:`SourceDocument` items or :class:`ReadFailure` items (a malformed file
or line is recorded and the walk goes on). Files of other kinds are reported as skipped.
XML is parsed with defusedxml, so entity-expansion bombs in untrusted files are refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".jsonl", ".xml", ".json"}


@dataclass
class SourceDocument:
    id: str
    text: str
    source: str
    metadata: dict = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class ReadFailure:
    source: str
    reason: str
    id: str | None = None


Item = Union[SourceDocument, ReadFailure]


def list_files(root: Path) -> tuple[list[Path], list[Path]]:
    """Return (readable files, skipped files) under ``root`` (or ``root`` itself), sorted."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    readable = [p for p in files if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")]
    skipped = [p for p in files if p not in readable]
    return readable, skipped


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 ({error.reason} at byte {error.start})") from error


def read_text_file(path: Path, root: Path) -> Iterator[Item]:
    try:
        text = _decode(path)
    except (ValueError, OSError) as error:
        yield ReadFailure(str(path), str(error))
        return
    if not text.strip():
        yield ReadFailure(str(path), "empty file")
        return
    yield SourceDocument(_relative_id(path, root), text, str(path))


def read_jsonl(path: Path, root: Path) -> Iterator[Item]:
    try:
        content = _decode(path)
    except (ValueError, OSError) as error:
        yield ReadFailure(str(path), str(error))
        return
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"invalid JSON: {error.msg}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
            yield ReadFailure(where, "a line needs a non-empty 'text' string")
            continue
        doc_id = str(data.get("id") or f"{_relative_id(path, root)}:{number}")
        metadata = {k: v for k, v in data.items() if k not in ("id", "text", "entities", "records")}
        yield SourceDocument(doc_id, data["text"], where, metadata)


def _all_text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def read_pubmed(root_element: Element, path: Path) -> Iterator[Item]:
    """PubmedArticleSet: one document per article, title then the abstract with its section labels."""
    for article in root_element.iter("PubmedArticle"):
        pmid = _all_text(article.find(".//MedlineCitation/PMID")) or _all_text(article.find(".//PMID"))
        title = _all_text(article.find(".//ArticleTitle"))
        sections = []
        for part in article.findall(".//Abstract/AbstractText"):
            label = part.get("Label")
            body = _all_text(part)
            if body:
                sections.append(f"{label.upper()}: {body}" if label else body)
        text = "\n".join(x for x in [title, *sections] if x)
        if not text:
            yield ReadFailure(str(path), "article without title or abstract", f"PMID:{pmid}" if pmid else None)
            continue
        yield SourceDocument(f"PMID:{pmid}" if pmid else f"{path.name}#{len(sections)}", text, str(path),
                             {"title": title, "pmid": pmid})


# Infon keys under which PubMed Central's BioC names the article's identifiers.
BIOC_ID_INFONS = {"article-id_pmid": "pmid", "article-id_pmc": "pmcid"}


def bioc_metadata(infons: list[dict], passages: list[tuple[dict, str]]) -> dict:
    """PMID, PMCID and title from a BioC document's infons and its passages' (dicts of key -> value)."""
    metadata = {}
    for found in [*infons, *(passage_infons for passage_infons, _ in passages)]:
        for key, name in BIOC_ID_INFONS.items():
            if isinstance(found.get(key), str) and found[key].strip() and name not in metadata:
                metadata[name] = found[key].strip()
    for passage_infons, text in passages:
        if "title" in (str(passage_infons.get("type", "")).lower(), str(passage_infons.get("section_type", "")).lower()):
            metadata.setdefault("title", text)
    return metadata


def _xml_infons(element: Element) -> dict:
    return {infon.get("key"): _all_text(infon) for infon in element.findall("infon") if infon.get("key")}


def read_bioc_xml(root_element: Element, path: Path) -> Iterator[Item]:
    for document in root_element.iter("document"):
        doc_id = _all_text(document.find("id"))
        passages = [(_xml_infons(p), _all_text(p.find("text"))) for p in document.findall("passage")]
        text = "\n".join(t for _, t in passages if t)
        if not text:
            yield ReadFailure(str(path), "BioC document without passage text", doc_id or None)
            continue
        yield SourceDocument(doc_id or f"{path.name}#{len(passages)}", text, str(path),
                             bioc_metadata([_xml_infons(document)], passages))


def read_xml(path: Path, root: Path) -> Iterator[Item]:
    try:
        tree = SafeElementTree.parse(str(path))
    except (ParseError, DefusedXmlException, OSError) as error:
        yield ReadFailure(str(path), f"malformed XML: {error}")
        return
    top = tree.getroot()
    if top.tag == "PubmedArticleSet":
        yield from read_pubmed(top, path)
    elif top.tag == "collection":
        yield from read_bioc_xml(top, path)
    else:
        yield ReadFailure(str(path), f"unknown XML document type <{top.tag}> (expected PubmedArticleSet or BioC collection)")


def read_bioc_json(path: Path, root: Path) -> Iterator[Item]:
    try:
        data = json.loads(_decode(path))
    except (ValueError, OSError) as error:
        yield ReadFailure(str(path), f"invalid JSON: {error}")
        return
    collections = data if isinstance(data, list) else [data]
    found = False
    for collection in collections:
        if not isinstance(collection, dict) or not isinstance(collection.get("documents"), list):
            continue
        for document in collection["documents"]:
            found = True
            if not isinstance(document, dict) or not isinstance(document.get("passages", []), list):
                yield ReadFailure(str(path), "a BioC document must be an object with a 'passages' list")
                continue
            passages = [(_json_infons(p), p.get("text")) for p in document.get("passages", []) if isinstance(p, dict)]
            passages = [(infons, text) for infons, text in passages if isinstance(text, str)]
            text = "\n".join(t for _, t in passages if t)
            doc_id = str(document.get("id") or "")
            if not text:
                yield ReadFailure(str(path), "BioC document without passage text", doc_id or None)
                continue
            yield SourceDocument(doc_id or f"{path.name}#{len(passages)}", text, str(path),
                                 bioc_metadata([_json_infons(document)], passages))
    if not found:
        yield ReadFailure(str(path), "JSON file is not a BioC collection (no 'documents' list)")


def _json_infons(element: dict) -> dict:
    infons = element.get("infons")
    return infons if isinstance(infons, dict) else {}


def _relative_id(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root if root.is_dir() else root.parent))
    except ValueError:
        return str(path)


READERS = {".txt": read_text_file, ".md": read_text_file, ".jsonl": read_jsonl, ".xml": read_xml, ".json": read_bioc_json}


def read_file(path: Path, root: Path) -> Iterator[Item]:
    """Yield the documents (and failures) of one file."""
    yield from READERS[path.suffix.lower()](path, root)


def read_folder(root: Path) -> Iterator[Item]:
    files, _ = list_files(root)
    for path in files:
        yield from read_file(path, root)
