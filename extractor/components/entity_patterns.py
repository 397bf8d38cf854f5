"""DRUG and LAB_MARKER mentions that no dictionary lists, found by their form and context.

- Drug classes named by what they act on: target words before a class head ("JAK inhibitors",
  "non-steroidal mineralocorticoid receptor antagonists", "a P2Y12 inhibitor", "α2-agonists") and
  "anti-X (monoclonal) antibodies".
- Lab markers named by how they are measured: a specimen word before a substance ("serum X",
  "fasting insulin"), a substance before "levels" / "concentrations" (the measure noun stays out, as in
  ANNOTATION.md's examples), quantities named with their measure noun ("antibody titres",
  "transferrin saturation", "X/Y ratio"), and interleukins.
- A dictionary drug that stands as a target or an endogenous substance ("inhibits thromboxane
  synthesis", "iron deficiency") is no treatment: its DRUG candidate is dropped, or, for a single
  substance, it becomes a LAB_MARKER.

The word lists are data (``lexicons/entity_patterns.json``). Runs after the dictionary matcher
(whose candidates it reads) and before the abbreviation linker, so that a short form defined after
a mention found here ("... inhibitors (HIF-PHIs)") takes its label.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..normalize import american_spelling, cytokine_name, inner_short_form_name
from ..lexicons import Lexicon
from ..lexicons.vocabulary import word_list, words as vocabulary_words
from .batching import BatchedPipe
from .lexicon_matcher import single_drug
from .resolver import GIVEN_AFTER, GIVEN_BEFORE
from .spans import (DRUG, LAB_MARKER, add_candidates, candidates, lower_words, positions_of, sentence_bounds, set_candidates,
                    token_words)

SPECIMEN_WORDS = vocabulary_words("marker_specimen_words")
BLOOD_NAMED_HEADS = vocabulary_words("blood_named_heads")
MARKER_PLURAL_HEADS = vocabulary_words("marker_plural_heads")


def marker_name(name: str) -> str:
    """The name of a marker no lexicon lists, written as dev.jsonl writes markers: without the specimen it was
    read in and with its measure noun in the singular ("serum cgrp" -> "cgrp", "plasma lidocaine
    concentrations" -> "lidocaine concentration"; "blood pressure" stays)."""
    parts = name.split()
    if len(parts) > 1 and parts[0] in SPECIMEN_WORDS and not (parts[0] == "blood" and parts[1] in BLOOD_NAMED_HEADS):
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] in MARKER_PLURAL_HEADS:
        parts[-1] = parts[-1][:-1]
    return " ".join(parts)

PATTERNS_FILE = Path(__file__).resolve().parent.parent / "lexicons" / "entity_patterns.json"
GREEK = set("αβγδεκλμθωΑΒΓΔ")
CHEMICAL_ENDINGS = tuple(word_list("chemical_endings"))
DASHES = {"-", "–", "—"}
COUNTED_WORD = re.compile(r"^\d+(\.\d+)?-[a-z]+$")
MAX_CLASS_WORDS = 7
MAX_TITRE_WORDS = 2


def load_patterns(path: Path = PATTERNS_FILE) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: value for name, value in data.items() if not name.startswith("_")}


def acronym_like(word: str) -> bool:
    """ "JAK", "P2Y12", "TNF", "SGLT2", "α2", "cotransporter-2", "IL-17": a target's short name."""
    return (any(map(str.isdigit, word)) or not GREEK.isdisjoint(word)
            or sum(c.isupper() for c in word) >= 2 or (len(word) > 1 and word[1:].lower() != word[1:]))


def is_class(span: Span) -> bool:
    return "type:class" in span.id_


def mixed_case_code(word: str) -> bool:
    """A product code ("XYZpreF", "Ab12cD"): capitals and small letters mixed after the first letter."""
    rest = word[1:]
    return any(map(str.isupper, rest)) and any(map(str.islower, rest)) and word[:1].isupper() or (
        word[:1].islower() and any(map(str.isupper, rest)) and any(map(str.isdigit, word)))


def chemical_like(word: str) -> bool:
    """A single word that reads as a substance: an acronym or a chemical ending ("hepcidin", "urate")."""
    lower = word.lower()
    return acronym_like(word) or (len(lower) >= 5 and lower.isalpha() and lower.endswith(CHEMICAL_ENDINGS))


class EntityPatterns(BatchedPipe):
    def __init__(self, nlp: Language, name: str, patterns: dict, drug_lexicon: Lexicon | None = None):
        self.name = name
        self.drug_lexicon = drug_lexicon
        self.class_heads = set(patterns["class_heads"])
        self.class_head_names = patterns["class_head_names"]
        self.target_nouns = set(patterns["target_nouns"])
        self.class_stops = set(patterns["class_chain_stops"]) | STOP_WORDS
        self.class_only_stops = self.class_stops | set(patterns["class_usage_words"])
        self.antibody_middles = set(patterns["antibody_middles"])
        self.antibody_heads = set(patterns["antibody_heads"])
        self.prefixes = set(patterns["lab_prefixes"])
        self.drug_prefixes = set(patterns["drug_prefixes"])
        self.made_marker_after = set(patterns["target_made_marker_after"])
        self.outside = set(patterns["measure_nouns_outside"])
        self.inside = set(patterns["measure_nouns_inside"])
        self.mean_words = set(patterns["mean_titre_words"])
        self.marker_stops = set(patterns["marker_word_stops"]) | STOP_WORDS
        self.target_before = set(patterns["target_context_before"])
        self.target_after = set(patterns["target_context_after"])
        self.cytokine = re.compile(patterns["cytokine_pattern"])
        self.cytokine_target_after = set(patterns["target_context_after"]) - set(patterns["target_made_marker_after"])
        self.process_endings = tuple(patterns["process_endings"])
        self.list_joins = set(patterns["list_joins"])
        self.drug_measure_after = set(patterns["drug_measure_after"])
        self.given_before = set(patterns["given_context_before"]) | GIVEN_BEFORE
        self.given_after = set(patterns["given_context_after"]) | GIVEN_AFTER
        self.given_beside = set(patterns["given_context_beside"])
        self.phenotype_words = set(patterns["phenotype_words"])
        self.given_substances = {tuple(term.split()): term for term in patterns["given_substances"]}
        self.given_substance_starts = {words[0] for words in self.given_substances}
        self.substance_given_before = set(patterns["substance_given_before"])
        self.substance_compared_leads = set(patterns["substance_compared_leads"])
        self.substance_not_before = (set(patterns["substance_not_before"]) | self.outside | self.inside
                                     | self.drug_measure_after | self.target_after)
        self.vaccine_heads = set(patterns["vaccine_heads"])
        self.vaccine_stops = set(patterns["vaccine_chain_stops"]) | self.class_stops
        self.vaccine_after = set(patterns["vaccine_measure_after"])
        self.vaccine_formulation_words = set(patterns["vaccine_formulation_words"])
        self.triggers = (self.prefixes | self.drug_prefixes | self.drug_measure_after | self.outside | self.inside
                         | {"ratio"} | self.class_heads | self.vaccine_heads)
        heads = "|".join(sorted(self.class_heads, key=len, reverse=True))
        self.glued_class = re.compile(rf"^\S*[^\W\d_a-z]\S*-({heads})$|^\S*\d-({heads})$")

    # --- drug classes -------------------------------------------------------------------------
    def _target_word(self, word: str, lower: str) -> bool:
        if COUNTED_WORD.match(lower):
            return False  # "10-point", "5-day": a count, not a target
        return (lower in self.target_nouns or acronym_like(word) or lower.endswith(("ase", "ases"))
                or (len(word) == 1 and word.isupper()))  # "factor Xa", "cathepsin K"

    def _class_start(self, words: list[str], lower: list[str], head: int, sent_start: int) -> int | None:
        """Where the class name ending at ``head`` starts, or None when no target word qualifies it."""
        start, targeted, right_is_target = head, False, True
        i = head - 1
        while i >= sent_start and head - i <= MAX_CLASS_WORDS:
            word, low = words[i], lower[i]
            if word == ")" and i - 2 >= sent_start and words[i - 2] == "(" and acronym_like(words[i - 1]):
                start, i, targeted, right_is_target = i - 2, i - 3, True, True
                continue
            if word in DASHES and i > sent_start and words[i - 1][:1].isalpha():
                i -= 1
                continue
            if low in self.class_only_stops or not any(map(str.isalpha, word)) or low.isdigit():
                break
            is_target = self._target_word(word, low)
            if not (is_target or "-" in word or right_is_target) or (
                    "-" not in word and low.endswith(("ed", "ing", "ly")) and not is_target):
                break
            targeted = targeted or is_target
            start, right_is_target = i, is_target
            i -= 1
        return start if targeted and start < head else None

    def _antibody_end(self, lower: list[str], i: int, sent_end: int) -> int:
        end = i + 1
        while end < sent_end and lower[end] in self.antibody_middles:
            end += 1
        if end < sent_end and lower[end] in self.antibody_heads:
            return end + 1
        return i + 1

    def drug_classes(self, doc: Doc, words: list[str], lower: list[str], starts: list[int], ends: list[int],
                     at: list[int]) -> list[Span]:
        found = []
        for i in at:
            low = lower[i]
            if low in self.class_heads:
                if lower[i + 1:i + 2] in (["scale"], ["scales"]):
                    continue  # "visual analogue scale"
                start = self._class_start(words, lower, i, starts[i])
                if start is not None:
                    found.append(self._drug(doc, start, i + 1))
            elif "-" in low and self.glued_class.match(words[i]):
                found.append(self._drug(doc, i, i + 1))  # "α2-agonists", "5-HT3-antagonists"
            elif low.startswith("anti-") and acronym_like(words[i][5:]):
                found.append(self._drug(doc, i, self._antibody_end(lower, i, ends[i])))
            elif low in self.vaccine_heads and i > starts[i]:
                span = self._vaccine(doc, words, lower, i, starts[i])
                if span is not None:
                    found.append(span)
            elif "/" in low and self.drug_lexicon is not None:
                parts = words[i].split("/")
                if len(parts) == 2 and all(len(p) >= 4 and single_drug(self.drug_lexicon, p) for p in parts):
                    found.append(Span(doc, i, i + 1, label="DRUG", kb_id=american_spelling(low),
                                      span_id="type:fixed_combination"))
        return found

    def _vaccine(self, doc: Doc, words: list[str], lower: list[str], head: int, sent_start: int) -> Span | None:
        """ "the high-dose quadrivalent inactivated influenza vaccine" -> the words before "vaccine" with it;
        "the adjuvanted XYZ3 OA vaccine" -> the product code alone."""
        if head + 1 < len(lower) and lower[head + 1] in self.vaccine_after:
            return None
        start = head
        i = head - 1
        while i >= sent_start and head - i <= MAX_CLASS_WORDS:
            word, low = words[i], lower[i]
            if low in self.vaccine_stops or not word[:1].isalnum() or low.replace(",", "").isdigit() or low.endswith("ly"):
                break
            start = i
            i -= 1
        if start == head:
            return None
        codes = [j for j in range(start, head) if mixed_case_code(words[j])]
        if codes:  # the code names the product; the vaccine noun after it is no mention of its own
            return Span(doc, codes[0], head, label="DRUG", kb_id=" ".join(lower[codes[0]:head]), span_id="code")
        name = " ".join(word for word in lower[start:head + 1] if word not in self.vaccine_formulation_words)
        return Span(doc, start, head + 1, label="DRUG", kb_id=american_spelling(name), span_id="type:class")

    def _drug(self, doc: Doc, start: int, end: int) -> Span:
        return Span(doc, start, end, label="DRUG", kb_id=self.class_name(doc[start:end].text), span_id="type:class")

    def class_name(self, text: str) -> str:
        """A class's name as the annotators write one: an abbreviation defined inside it in place of its long
        form, the head noun in the plural that names the drugs ("sodium-glucose cotransporter-2 (SGLT2)
        inhibition" -> "sglt2 inhibitors"), and the drug lexicon's name where it lists that."""
        words = american_spelling(re.sub(r"\s*\([^)]*\)", "", inner_short_form_name(text))).split()
        words[-1] = self.class_head_names.get(words[-1], words[-1])
        name = " ".join(words)
        entry = self.drug_lexicon.get(name) if self.drug_lexicon is not None else None
        return entry.name if entry is not None and entry.label == "DRUG" else name

    # --- lab markers --------------------------------------------------------------------------
    def lab_markers(self, doc: Doc, words: list[str], lower: list[str], starts: list[int], ends: list[int],
                    by_start: dict[int, Span], by_end: dict[int, Span], at: list[int]) -> list[Span]:
        found = []
        n = len(lower)
        for i in at:
            low = lower[i]
            if low in self.drug_prefixes and low not in self.prefixes and i + 1 < ends[i]:
                known = by_start.get(i + 1)  # "liver iron": only a dictionary drug is read as measured here
                if known is not None and known.label_ == "DRUG" and not is_class(known):
                    found.append(self._marker(doc, i, known.end, known))
            elif low in self.prefixes and i + 1 < ends[i]:
                known = by_start.get(i + 1)
                if known is not None and known.label_ == "DRUG":
                    if low in self.drug_prefixes and not is_class(known):
                        found.append(self._marker(doc, i, known.end, known))
                elif known is not None and known.label_ == "LAB_MARKER" and low in SPECIMEN_WORDS:
                    # "serum 25-hydroxyvitamin D": the specimen joins the span (as "serum creatinine" in
                    # dev.jsonl), the lexicon's name stays the marker's
                    found.append(self._marker(doc, i, known.end, known))
                elif (named := self._named_substance(lower, i + 1, ends[i])) is not None:
                    # the marker without the specimen word too: the long form an abbreviation defines
                    found += [self._marker(doc, i, named), self._marker(doc, i + 1, named)]
                elif self._substance(words, lower, i + 1, ends[i]):
                    end = i + 2
                    if end + 1 < ends[i] and lower[end] in DASHES and words[end + 1][:1].isalnum():
                        end += 2
                    found.append(self._marker(doc, i, end))
            elif low in self.outside and i > starts[i]:
                known = by_end.get(i)
                if known is None and i - 3 >= starts[i] and words[i - 1] == ")" and words[i - 3] == "(":
                    known = by_end.get(i - 3)  # "chorionic gonadotropin (hCG) levels"
                    known = known if known is not None and known.label_ == "DRUG" else None
                if known is not None and known.label_ == "DRUG":
                    if not is_class(known):
                        found.append(self._marker(doc, known.start, known.end, known))
                elif known is None and lower[i - 1] not in self.marker_stops and words[i - 1][:1].isalnum() \
                        and chemical_like(words[i - 1]) and low != "level" and lower[i + 1:i + 2] != ["of"]:
                    # "the X level" names a setting, "X levels of Y" a specimen; "hepcidin levels" a marker
                    found.append(self._marker(doc, i - 1, i))
            elif low in self.drug_measure_after and i > starts[i]:
                known = by_end.get(i)
                if known is not None and known.label_ == "DRUG" and not is_class(known):
                    found.append(self._marker(doc, known.start, known.end, known))
            elif low in self.inside and i > starts[i]:
                start = self._titre_start(words, lower, i, starts[i])
                if start is not None:
                    found.append(self._marker(doc, start, i + 1))
            elif low == "ratio" and i > starts[i] and any(
                    chemical_like(part) for part in re.split(r"/|-to-", words[i - 1])[:2] if "/" in words[i - 1]
                    or "-to-" in lower[i - 1]):
                found.append(self._marker(doc, i - 1, i + 1))
            elif self.cytokine.match(low) and not self._given_cytokine(words, lower, i):
                found.append(self._marker(doc, i, i + 1))
        return found

    def _given_cytokine(self, words: list[str], lower: list[str], i: int) -> bool:
        """An interleukin named as a class target ("IL-6 inhibitors") or given ("IL-2 therapy",
        "interleukin-2 (IL-2) infusion", "received IL-2") is no measured marker."""
        after = i + 4 if words[i + 1:i + 2] == ["("] and words[i + 3:i + 4] == [")"] else i + 1
        after += 1 if words[after:after + 1] == [")"] else 0  # the short form inside its definition
        following = lower[after] if after < len(lower) else ""
        return (following in self.class_heads or following in GIVEN_AFTER
                or (i > 0 and lower[i - 1] in GIVEN_BEFORE) or self._targeted_cytokine(lower, i, after))

    def _targeted_cytokine(self, lower: list[str], i: int, after: int) -> bool:
        """An interleukin a drug acts on ("blocks interleukin-4 and interleukin-13 signalling", "targeting
        IL-17", "the IL-5 pathway") is no measured marker; its synthesis or release is."""
        if after + 1 < len(lower) and lower[after] in self.list_joins and self.cytokine.match(lower[after + 1]):
            after += 2  # the next interleukin of a list decides for both
        if after < len(lower) and lower[after] in self.cytokine_target_after:
            return True
        before = i - 1
        if before >= 2 and lower[before] in self.list_joins and self.cytokine.match(lower[before - 1]):
            before -= 2
        return before >= 0 and lower[before] in self.target_before

    def _named_substance(self, lower: list[str], i: int, sent_end: int) -> int | None:
        """The end of "placental growth factor" after a specimen word: up to three words ending in a
        target noun (factor, protein, peptide, chemokine, hormone...)."""
        for end in range(i, min(i + 3, sent_end)):
            if lower[end] in self.target_nouns and end > i or lower[end] in STOP_WORDS or not lower[end][:1].isalpha():
                return end + 1 if lower[end] in self.target_nouns else None
        return None

    def _substance(self, words: list[str], lower: list[str], i: int, sent_end: int) -> bool:
        """An unknown word after a specimen word that reads as a substance and is followed by a
        measure noun, a bracket or a clause end ("serum hepcidin levels", "plasma PlGF (...)")."""
        return (lower[i] not in self.marker_stops and chemical_like(words[i])
                and (i + 1 >= sent_end or lower[i + 1] in self.outside or not lower[i + 1].isalpha()
                     or lower[i + 1] in STOP_WORDS))

    def _titre_start(self, words: list[str], lower: list[str], head: int, sent_start: int) -> int | None:
        i = head - 1
        while i >= sent_start and lower[i] in self.mean_words:
            i -= 1
        if lower[head] == "saturation":  # "transferrin saturation", "oxygen saturation"
            return i if i >= sent_start and lower[i] not in self.marker_stops - {"oxygen"} and lower[i].isalpha() else None
        start, taken = None, 0
        while i >= sent_start and taken < MAX_TITRE_WORDS:
            word = words[i]
            if word == ")" and i - 2 >= sent_start and words[i - 2] == "(" and acronym_like(words[i - 1]):
                i -= 3
                continue
            if (lower[i] in STOP_WORDS or lower[i] in self.marker_stops - {"antibody", "antibodies"}
                    or not word[:1].isalpha() or lower[i].endswith("ed")):
                break
            start, taken = i, taken + 1
            i -= 1
        return start

    def _marker(self, doc: Doc, start: int, end: int, known: Span | None = None) -> Span:
        if known is not None and known.label_ == "LAB_MARKER" and known.kb_id_:
            name = known.kb_id_
        else:
            name = cytokine_name(marker_name(american_spelling(self._measure_words(inner_short_form_name(doc[start:end].text)))))
        return Span(doc, start, end, label="LAB_MARKER", kb_id=name, span_id=known.id_ if known is not None and
                    known.label_ == "LAB_MARKER" else "")

    def _measure_words(self, name: str) -> str:
        """A marker's words without the summary statistic before its measure noun ("hai geometric mean titers"
        -> "hai titers": the titre is the marker, its geometric mean how a study sums it up)."""
        words = name.split()
        if len(words) > 2 and words[-1] in self.inside:
            kept = len(words) - 1
            while kept > 1 and words[kept - 1] in self.mean_words:
                kept -= 1
            words = words[:kept] + words[-1:]
        return " ".join(words)

    # --- targets ------------------------------------------------------------------------------
    def targets(self, found: list[Span], lower: list[str]) -> tuple[list[Span], list[Span]]:
        """(DRUG candidates to drop, LAB_MARKER candidates to add) for drugs standing as targets."""
        drop, add = [], []
        for span in found:
            if span.label == LAB_MARKER and self._names_class(lower, span.end):
                drop.append(span)  # "glucagon-like peptide-1 analogue": the substance a drug class acts on
                continue
            if span.label != DRUG:
                continue
            before = lower[span.start - 1] if span.start > 0 else ""
            end = span.end + 3 if lower[span.end:span.end + 1] == ["("] and lower[span.end + 2:span.end + 3] == [")"] \
                else span.end  # "bile acid (BA) transporter": past the short form defined in brackets
            after = lower[end] if end < len(lower) else ""
            if before in self.target_before or after in self.target_after:
                drop.append(span)
                if len(span) == 1 and not lower[span.start].endswith(self.process_endings) and (
                        after in self.made_marker_after or before in self.target_before
                        and not self.cytokine.match(lower[span.start])):  # see _targeted_cytokine
                    add.append(self._marker(span.doc, span.start, span.end))
        return drop, add

    def _names_class(self, lower: list[str], i: int) -> bool:
        """A class head ("analogue", "inhibitors") at ``i``, or after "receptor" there."""
        if i < len(lower) and lower[i] in ("receptor", "receptors"):
            i += 1
        return i < len(lower) and lower[i] in self.class_heads

    def listed_with_markers(self, drugs: list[Span], markers: list[Span], lower: list[str]) -> list[Span]:
        """LAB_MARKER candidates for the dictionary substances listed beside a lab marker ("glucose, insulin
        and C-peptide") that the text never gives (see ``_given``)."""
        bounded = [s for s in markers if self._bounded(lower, s)]
        ends, starts = {s.end for s in bounded}, {s.start for s in bounded}
        given = {s.kb_id for s in drugs if self._given(lower, s)}
        found = []
        for span in drugs:
            if span.kb_id in given or is_class(span):
                continue
            left, right = span.start - 1, span.end
            while left >= 0 and lower[left] in self.list_joins and span.start - left <= 2:
                left -= 1
            while right < len(lower) and lower[right] in self.list_joins and right - span.end < 2:
                right += 1
            if (left < span.start - 1 and left + 1 in ends) or (right > span.end and right in starts):
                found.append(self._marker(span.doc, span.start, span.end, span))
        return found

    def _bounded(self, lower: list[str], span: Span) -> bool:
        """Whether a marker stands as a whole name, not as the last or first word of a longer one
        ("monosodium phosphate"): no content word right before or after it."""
        for i in (span.start - 1, span.end):
            word = lower[i] if 0 <= i < len(lower) else ""
            if word.isalpha() and not (word in STOP_WORDS or word in self.list_joins or word in SPECIMEN_WORDS
                                       or word in self.outside or word in self.inside or word in self.drug_measure_after):
                return False
        return True

    def _given(self, lower: list[str], span: Span) -> bool:
        """Whether a drug mention stands where a treatment is given: "received X", "500 mg X", "X therapy",
        "X or placebo"."""
        before = lower[span.start - 1] if span.start > 0 else ""
        after = lower[span.end:span.end + 2]
        return before in self.given_before or bool(after) and after[0] in self.given_after or (
            len(after) == 2 and after[1] in self.given_beside) or (
            span.start > 1 and lower[span.start - 2] in self.given_beside)

    def given_substances_in(self, doc: Doc, lower: list[str]) -> list[Span]:
        """ "inhaled nitric oxide", "compared with 0.9% saline": a stoplisted substance given as an arm."""
        found = []
        first_words = self.given_substance_starts
        for i in positions_of(lower, first_words):
            for words, name in self.given_substances.items():
                end = i + len(words)
                if tuple(lower[i:end]) == words and self._substance_given(lower, i, end):
                    found.append(Span(doc, i, end, label="DRUG", kb_id=name))
        return found

    def _substance_given(self, lower: list[str], start: int, end: int) -> bool:
        if end < len(lower) and lower[end] in self.substance_not_before:
            return False
        i = start - 1
        while i >= 0 and (lower[i] == "%" or lower[i].rstrip("%").replace(".", "", 1).isdigit()):
            i -= 1  # a concentration: "0.9% saline", "3 % saline"
        if i < 0:
            return False
        if lower[i] in self.substance_given_before:
            return True
        return lower[i] in ("with", "to") and i > 0 and lower[i - 1] in self.substance_compared_leads

    def in_phenotype(self, span: Span, lower: list[str]) -> bool:
        """ "heart failure with (mildly) reduced ejection fraction": a disease name, not a measurement."""
        i = span.start - 1
        while i > 1 and (lower[i] in self.phenotype_words or lower[i] in self.list_joins
                         and lower[i - 1] in self.phenotype_words):  # "with mildly reduced or preserved EF"
            i -= 1
        return i < span.start - 1 and i >= 1 and lower[i] == "with" and lower[i - 1] == "failure"

    def measure_trims(self, found: list[Span], lower: list[str]) -> tuple[list[Span], list[Span]]:
        """Lab-marker candidates written with "levels" / "concentrations": the marker without them;
        a measure inside a disease name is dropped."""
        drop, add = [], []
        for span in found:
            if span.label == LAB_MARKER and self.in_phenotype(span, lower):
                drop.append(span)
            elif span.label == LAB_MARKER and len(span) > 1 and lower[span.end - 1] in self.outside \
                    and span.kb_id_.rsplit(" ", 1)[-1].removesuffix("s") != lower[span.end - 1].removesuffix("s"):
                # a lexicon name that ends in the measure noun keeps it: "minimum inhibitory concentration"
                drop.append(span)
                add.append(Span(span.doc, span.start, span.end - 1, label=span.label_, kb_id=span.kb_id_,
                                span_id=span.id_))
        return drop, add

    @staticmethod
    def later_codes(doc: Doc, words: list[str], codes: list[Span]) -> list[Span]:
        """A product code named before "vaccine" at its later mentions without the noun."""
        found, seen = [], set()
        for code in codes:
            written = tuple(words[code.start:code.end])
            if written in seen:
                continue
            seen.add(written)
            size = len(written)
            found += [Span(doc, j, j + size, label="DRUG", kb_id=code.kb_id_) for j in range(code.end, len(words) - size + 1)
                      if tuple(words[j:j + size]) == written]
        return found

    @staticmethod
    def defined_codes(doc: Doc, words: list[str], drugs: list[Span], taken: set[tuple[int, int]]) -> list[Span]:
        """A code defined in brackets after a drug, vaccine or marker ("... vaccine (ABC-HD)") at every
        mention, with its label: its letters must come from the words before the bracket, its first
        letter begins one of them."""
        found, seen = [], set()
        for drug in drugs:
            i = drug.end
            if i + 2 >= len(words) or words[i] != "(" or words[i + 2] != ")":
                continue
            code = words[i + 1]
            letters = [c.lower() for c in code if c.isalpha()]
            long_words = [w.lower() for w in words[drug.start:drug.end]]
            if (len(letters) < 2 or code in seen or not acronym_like(code) or (i + 1, i + 2) in taken
                    or not set(letters) <= set("".join(long_words))
                    or not any(w.startswith(letters[0]) for w in long_words)):
                continue
            seen.add(code)
            found += [Span(doc, j, j + 1, label=drug.label_, kb_id=drug.kb_id_, span_id=drug.id_)
                      for j in range(i + 1, len(words)) if words[j] == code and (j, j + 1) not in taken]
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words, lower = token_words(doc), lower_words(doc)
        starts, ends = sentence_bounds(doc)
        found = candidates(doc)
        drop, targets = self.targets(found, lower)
        trimmed_drop, trimmed = self.measure_trims(found, lower)
        drop += trimmed_drop
        if drop:
            dropped = {(s.start, s.end, s.label) for s in drop}
            found = [s for s in found if (s.start, s.end, s.label) not in dropped]
            set_candidates(doc, found)
        by_start: dict[int, Span] = {}
        by_end: dict[int, Span] = {}
        for span in found + trimmed + targets:
            if span.label in (DRUG, LAB_MARKER):
                for table, key in ((by_start, span.start), (by_end, span.end)):
                    if key not in table or len(span) > len(table[key]):
                        table[key] = span
        # the words that can start a pattern: one pass over the doc, a set test and two substring tests a word
        triggers = self.triggers
        at = [i for i, low in enumerate(lower) if low in triggers or "-" in low or "/" in low or low[:2] == "il"]
        classes = self.drug_classes(doc, words, lower, starts, ends, at)
        # the vaccine noun after a product code, and "vaccine effectiveness", are no mention of a vaccine
        spare = {s.end for s in classes if s.id_ == "code"} | {
            i for i in at if lower[i] in self.vaccine_heads and i + 1 < len(lower) and lower[i + 1] in self.vaccine_after}
        if spare:
            found = [s for s in found if not (s.label == DRUG and any(i in spare for i in range(s.start, s.end)))]
            set_candidates(doc, found)
        classes += self.later_codes(doc, words, [s for s in classes if s.id_ == "code"])
        taken = {(s.start, s.end) for s in found}
        markers = self.lab_markers(doc, words, lower, starts, ends, by_start, by_end, at)
        drugs = [s for s in found if s.label == DRUG]
        listed = self.listed_with_markers(drugs, [s for s in found + trimmed + targets + markers if s.label == LAB_MARKER], lower)
        while listed:  # "adrenaline, noradrenaline and dopamine values": along the list, marker by marker
            markers += listed
            taken_now = {(s.start, s.end) for s in listed}
            drugs = [s for s in drugs if (s.start, s.end) not in taken_now]
            listed = self.listed_with_markers(drugs, listed, lower)
        named = [s for s in found if s.label in (DRUG, LAB_MARKER)] + classes + markers + trimmed
        codes = self.defined_codes(doc, words, sorted(named, key=lambda s: (s.end, s.start)), taken)
        add_candidates(doc, classes + codes + trimmed + targets + markers + self.given_substances_in(doc, lower))
        return doc


@Language.factory("entity_patterns")
def make_entity_patterns(nlp: Language, name: str) -> EntityPatterns:
    from ..pipeline import shared_lexicons

    return EntityPatterns(nlp, name, load_patterns(), shared_lexicons().get("DRUG"))
