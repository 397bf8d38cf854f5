"""Drug names inside hyphenated compounds, and outcomes inside slash-joined lists, split off as tokens of their own.

The tokenizer keeps "dupilumab-treated", "vonoprazan-based" and "clarithromycin-resistant" whole, so the
drug inside them could never be a DRUG mention; the annotators tag it ("a drug inside a compound word is
tagged by its name"). This component runs first and splits such a token into the drug, the hyphen and
the second part, only where the first part is a name the drug lexicon knows and the second part one of
the data file's compound words: "community-based" and "treatment-related" stay whole.

The tokenizer keeps "nausea/vomiting" and "death/myocardial" whole too, so no outcome term inside such a list
could be matched. :class:`SlashListSplitter` splits a token of words joined by "/" into the words and the
slashes where one of the words is an outcome or disease term by itself and the whole token is no term of any
lexicon ("PaO2/FiO2", "lopinavir/ritonavir", "LDL/HDL" and "mg/kg" stay whole).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import Lexicon
from ..lexicons.vocabulary import word_list
from .batching import BatchedPipe
from .spans import doc_text, token_words


def compound_pattern(suffixes: list[str]) -> re.Pattern:
    """A hyphenated word whose last part is one of ``suffixes``: its first part is the group ``drug``."""
    alternatives = "|".join(re.escape(suffix) for suffix in sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"^(?P<drug>[^\W_][\w/-]*?)-(?P<rest>{alternatives})$", re.I)


class DrugCompoundSplitter(BatchedPipe):
    def __init__(self, nlp: Language, name: str, drugs: Lexicon, suffixes: list[str]):
        self.name = name
        self.drugs = drugs
        self.pattern = compound_pattern(suffixes)

    def __call__(self, doc: Doc) -> Doc:
        # the words the later components share (spans.token_words, built again once the doc is split), read
        # instead of ``doc.text`` and a Token object per token
        if "-" not in doc_text(doc):
            return doc
        found = []
        for i, text in enumerate(token_words(doc)):
            if len(text) < 8 or "-" not in text:
                continue
            match = self.pattern.match(text)
            if match is not None and self.drugs.get(match["drug"]) is not None:
                found.append((doc[i], match))
        if found:
            with doc.retokenize() as retokenizer:
                for token, match in found:
                    retokenizer.split(token, [match["drug"], "-", match["rest"]], heads=[(token, 0)] * 3)
        return doc


# A slash-joined list of words: letters (and inner hyphens or apostrophes), three or more each ("and/or" stays).
SLASH_PARTS = re.compile(r"^[A-Za-z][A-Za-z'-]+[A-Za-z](?:/[A-Za-z][A-Za-z'-]+[A-Za-z])+$")


class SlashListSplitter(BatchedPipe):
    def __init__(self, nlp: Language, name: str, outcome_lexicons: list[Lexicon], all_lexicons: list[Lexicon]):
        self.name = name
        self.outcome_lexicons = outcome_lexicons
        self.all_lexicons = all_lexicons

    def _splits(self, text: str) -> bool:
        if not SLASH_PARTS.match(text) or any(lexicon.get(text) is not None for lexicon in self.all_lexicons):
            return False
        return any(lexicon.get(part) is not None for part in text.split("/") for lexicon in self.outcome_lexicons)

    def __call__(self, doc: Doc) -> Doc:
        if "/" not in doc_text(doc):
            return doc
        found = [(i, text) for i, text in enumerate(token_words(doc)) if "/" in text and self._splits(text)]
        if found:
            with doc.retokenize() as retokenizer:
                for i, text in found:
                    pieces = re.split(r"(/)", text)
                    retokenizer.split(doc[i], pieces, heads=[(doc[i], 0)] * len(pieces))
        return doc


@Language.factory("slash_list_splitter")
def make_slash_list_splitter(nlp: Language, name: str) -> SlashListSplitter:
    from ..lexicons import DISEASE
    from ..pipeline import shared_lexicons

    lexicons = shared_lexicons()
    outcomes = [lexicons[label] for label in ("OUTCOME", DISEASE) if label in lexicons]
    return SlashListSplitter(nlp, name, outcomes, list(lexicons.values()))


@Language.factory("drug_compound_splitter", default_config={"suffixes_list": "drug_compound_suffixes"})
def make_drug_compound_splitter(nlp: Language, name: str, suffixes_list: str) -> DrugCompoundSplitter:
    from ..pipeline import shared_lexicons

    return DrugCompoundSplitter(nlp, name, shared_lexicons()["DRUG"], word_list(suffixes_list))
