"""spaCy's rule-based sentencizer, with its prediction read from the doc's word list.

spaCy's ``Sentencizer.predict`` makes a Token object for every token of every doc to read its text
and ``is_punct``; this one reads the words the components share (:func:`spans.token_words`) and one
``IS_PUNCT`` array, and visits only the tokens after a sentence-final character. The sentence starts
are the same: a sentence starts at the first token after a run of sentence-final characters that is
neither punctuation nor such a character.
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT
from spacy.language import Language
from spacy.pipeline import Sentencizer

from .spans import positions_of, token_words


class WordListSentencizer(Sentencizer):
    def predict(self, docs):
        punct_chars = self.punct_chars
        guesses = []
        for doc in docs:
            words = token_words(doc)
            size = len(words)
            doc_guesses = [False] * size
            if size:
                doc_guesses[0] = True
                is_punct = None
                resume = 0  # the first token not yet read
                for period in positions_of(words, punct_chars):
                    if period < resume:
                        continue
                    if is_punct is None:
                        is_punct = doc.to_array(IS_PUNCT).tolist()
                    j = period + 1
                    while j < size and (is_punct[j] or words[j] in punct_chars):
                        j += 1
                    if j < size:
                        doc_guesses[j] = True
                    resume = j + 1
            guesses.append(doc_guesses)
        return guesses


@Language.factory("word_list_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_word_list_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                               overwrite: bool) -> WordListSentencizer:
    return WordListSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)
