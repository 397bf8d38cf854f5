"""The bounded tokenizer: ordinary text tokenized as scispaCy does, long runs without spaces cut linearly."""

from extractor.pipeline import scientific_blank


def test_ordinary_text_is_tokenized_by_the_wrapped_tokenizer():
    nlp = scientific_blank()
    text = "In 1,204 patients (n=620), IL-6 fell by 12.5% vs. 3% [4,5]; p<0.001."
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.inner(text)]


def test_long_runs_without_spaces_keep_the_text_and_their_neighbours():
    nlp = scientific_blank()
    text = "Aspirin (81 mg) reduced stroke. " + "," * 5000 + " Then, a=b; " + "x" * 1200 + "."
    doc = nlp(text)
    assert doc.text == text
    assert [t.text for t in doc[:7]] == ["Aspirin", "(", "81", "mg", ")", "reduced", "stroke"]
    assert max(len(t) for t in doc) <= 400
    assert "Then" in [t.text for t in doc]


def test_a_text_of_commas_extracts_without_error(pipeline):
    result = pipeline.extract("," * 20000)
    assert result.entities == [] and result.records == []


def test_fast_lexeme_getters_give_spacys_values():
    """The pipeline's faster lexeme getters agree with spaCy's own on words of every kind."""
    import spacy

    from extractor.lexemes import fast_getters

    spacys = spacy.blank("en").vocab.lex_attr_getters
    fast = fast_getters(spacys)
    words = ["Zqx", "aaaaaaab", "AAAAAA", "1234567", "-----", "a-b-c", "x.com", "www.x", "http://x", "https://a.b/",
             "a@b.com", "1,000", "+1.5", "3/4", "twenty", "Twentieth", "21st", "$", "$$", "€", "(", "``", "''", "«",
             "naïve", "ΣΣΣΣΣΣ", "½", "²", "٣", "...", "!?", "e.g.", "x" * 120, "IL-6", "p<0.05", "CI95%"]
    for attr, getter in spacys.items():
        for word in words:
            assert fast[attr](word) == getter(word), (attr, word)


def test_a_unit_or_marker_ending_in_a_capital_closes_its_sentence():
    """ "1,600 mL.", "0.19 mmol/L.", "total IgE.": the full stop is its own token, so the next sentence starts
    after it; abbreviations with inner stops and words ending in a small letter keep theirs."""
    nlp = scientific_blank()
    nlp.add_pipe("sentencizer")
    for unit in ("mL", "mmol/L", "mg/dL", "IgE", "pH"):
        doc = nlp(f"Median blood loss was 900 {unit}. Seizures did not occur.")
        assert [s.text for s in doc.sents] == [f"Median blood loss was 900 {unit}.", "Seizures did not occur."]
    assert [t.text for t in nlp("Patients in the U.S. and elsewhere, e.g. Canada, saw Dr. Lee.")][3:8] == [
        "U.S.", "and", "elsewhere", ",", "e.g."]
