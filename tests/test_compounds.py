"""Drug names inside hyphenated compounds ("dupilumab-treated") are DRUG mentions of their own."""

from extractor.components.compounds import compound_pattern


def drugs(pipeline, text):
    result = pipeline.extract(text)
    assert all(result.text[m.start:m.end] == m.text for m in result.entities)
    return result, [m.text for m in result.entities if m.label == "DRUG"]


def test_a_known_drug_before_a_compound_word_is_split_off(pipeline):
    text = ("Blood eosinophilia occurred in 4.1% of dupilumab-treated patients, and vonoprazan-based regimens "
            "improved eradication compared with PPI-based therapy in 1,000 adults.")
    result, found = drugs(pipeline, text)
    assert found == ["dupilumab", "vonoprazan", "PPI"]
    assert ("vonoprazan", "eradication") in {(r.intervention, r.outcome) for r in result.records}


def test_words_that_are_no_drug_keep_their_compound(pipeline):
    _, found = drugs(pipeline, "Community-based care and evidence-based treatment-related advice were given to 300 adults.")
    assert found == []


def test_a_drug_that_describes_organisms_or_patients_is_no_arm(pipeline):
    text = ("Vonoprazan-based regimens improved eradication compared with lansoprazole in 1,000 adults; in patients "
            "with clarithromycin-resistant strains, eradication was higher.")
    result, found = drugs(pipeline, text)
    assert "clarithromycin" in found
    assert not [r for r in result.records if r.intervention == "clarithromycin"]


def test_the_pattern_takes_the_first_part_and_a_listed_second_part():
    pattern = compound_pattern(["based", "treated"])
    assert pattern.match("Vonoprazan-based")["drug"] == "Vonoprazan"
    assert pattern.match("TNF-inhibitor-treated") is not None
    assert pattern.match("treatment-related") is None


def outcome_spans(pipeline, text):
    result = pipeline.extract(text)
    assert all(result.text[m.start:m.end] == m.text for m in result.entities)
    return result, {m.text: m.norm["name"] for m in result.entities if m.label == "OUTCOME"}


def test_outcomes_joined_by_slashes_are_split_and_make_one_composite(pipeline):
    result, found = outcome_spans(pipeline, "Headache/dizziness was less frequent with the patch than with the tablet.")
    assert found == {"Headache/dizziness": "headache/dizziness"}
    _, found = outcome_spans(pipeline, "The primary end point, death/myocardial infarction/stroke, was lower with "
                                       "the new antiplatelet drug.")
    assert found.get("death/myocardial infarction/stroke") == "death/myocardial infarction/stroke"


def test_slashes_that_join_no_outcome_word_stay_whole(pipeline):
    text = "PaO2/FiO2 rose, and lopinavir/ritonavir was given at 5 mg/kg and/or less to 40 adults."
    result = pipeline.extract(text)
    assert "PaO2/FiO2" in [m.text for m in result.entities if m.label == "LAB_MARKER"]
    assert "lopinavir/ritonavir" in [m.text.lower() for m in result.entities if m.label == "DRUG"]
