"""The arm a comparison sentence states its result for (extractor/sentence_arms.py) and the first
p-value rule of records (first_p_not_significant)."""

import pytest

from extractor.records import first_p_not_significant
from extractor.sentence_arms import group_labels, stated_arm
from extractor.values import find_p_values


def lower(text: str) -> list[str]:
    return text.lower().split()


def test_group_phrase_names_its_label():
    words = lower("walking time was shorter in the cycling group than in the walking group")
    assert [label.name for label in group_labels(words, 0, len(words))] == ["cycling", "walking"]


def test_generic_group_phrases_name_nothing():
    words = lower("pain was similar in both groups and in the control group")
    assert group_labels(words, 0, len(words)) == []


def test_arm_outside_the_comparison_is_stated():
    words = lower("participants in tablet conditions had higher scores compared with those in paper conditions")
    assert stated_arm(words, 0, len(words), []) == "tablet"


def test_arm_after_the_outcome_is_stated():
    words = lower("the healing rate was higher in the dressing group as opposed to the gauze group")
    assert stated_arm(words, 0, len(words), []) == "dressing"


def test_no_comparison_no_arm():
    words = lower("the healing rate was 80 % in the dressing group")
    assert stated_arm(words, 0, len(words), []) is None


def test_control_arm_is_never_stated():
    words = lower("scores were higher in the sham group than in the massage group")
    assert stated_arm(words, 0, len(words), [], lambda name: name == "sham") is None


def test_first_p_value_decides_significance():
    assert not first_p_not_significant(find_p_values("shorter stay (p = 0.02), fewer visits (p = 0.05)"))
    assert first_p_not_significant(find_p_values("similar stay (p = 0.34), fewer visits (p < 0.01)"))
    assert first_p_not_significant(find_p_values("similar stay (p < 0.08)"))
    assert not first_p_not_significant(find_p_values("shorter stay (p < 0.05)"))
    assert not first_p_not_significant([])


def test_a_p_value_of_exactly_the_threshold_leaves_the_direction_to_the_words():
    assert not first_p_not_significant(find_p_values("more falls with the drug (p = 0.05)"))
    assert first_p_not_significant(find_p_values("more falls with the drug (p > 0.05)"))


def test_result_sentence_comparing_named_arms_is_stated_for_the_first(pipeline):
    text = ("In a randomized trial of 96 adults, splinting was compared with casting. "
            "The healing rate was higher in the splint group as opposed to the cast group (82% vs 61%; p = 0.01).")
    records = pipeline.extract(text).records
    assert [r.intervention for r in records if "healing" in r.outcome] == ["splint"]


def test_a_linking_verb_carries_a_cue_past_a_long_subject(pipeline):
    text = ("In a randomized trial of 80 adults, acupuncture was compared with sham needling. "
            "Bowel motility scores on day 3 in the acupuncture group were significantly greater than in the sham "
            "group (3.1 vs 1.2, p = 0.01).")
    records = [r for r in pipeline.extract(text).records if "motility" in r.outcome]
    assert records and records[0].direction == "increase"


def test_a_drug_class_carried_over_gives_way_to_a_sure_arm():
    from types import SimpleNamespace

    from extractor.records import RecordBuilder

    def builder(scores, named=lambda name: True):  # by default the drug was mentioned by the sentence being read
        # the candidates' keys are read first, the scores only where every name carried over is a class
        return SimpleNamespace(arm_candidates=dict.fromkeys(scores), arm_scores=scores, _named_by_now=named)

    sure = builder({("class", "antibiotics"): 0.1, ("drug", "cefazolin"): 0.6})
    assert RecordBuilder._unless_class(sure, ["antibiotics"]) == ["cefazolin"]
    assert RecordBuilder._unless_class(sure, ["cefazolin"]) == ["cefazolin"]
    unsure = builder({("class", "antibiotics"): 0.1, ("drug", "cefazolin"): 0.2})
    assert RecordBuilder._unless_class(unsure, ["antibiotics"]) == ["antibiotics"]
    # a drug the text names only after the sentence being read is not what that sentence speaks of
    later = builder({("class", "antibiotics"): 0.1, ("drug", "cefazolin"): 0.6}, named=lambda name: False)
    assert RecordBuilder._unless_class(later, ["antibiotics"]) == ["antibiotics"]


def test_an_arm_name_leaves_out_what_the_arm_is_for():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from extractor.records import arm_name

    doc = Doc(Vocab(), words="the balance training programme to prevent falls in older adults".split())
    assert arm_name(doc[0:len(doc)]) == "balance training programme"
    assert arm_name(doc[1:4]) == "balance training programme"


@pytest.mark.parametrize("result", [
    "Sleep latency was 21 min with melatonin and 24 min with placebo (p = 0.41).",
    "Sleep latency was shorter with melatonin than with placebo (p < 0.08).",
    "Total sleep time in the melatonin group was 6.1 h versus 5.9 h in the placebo group (P = 0.37).",
])
def test_values_with_a_p_value_above_five_percent_state_no_difference(pipeline, result):
    text = "In a randomized trial of 60 adults, melatonin was compared with placebo. " + result
    assert [r.direction for r in pipeline.extract(text).records] == ["no_difference"]


def test_an_arm_named_only_as_what_a_result_is_compared_against_gives_way(pipeline):
    from extractor.records import RecordBuilder

    doc = pipeline.nlp("Insomnia scores in the MR and YT groups were lower than in the hygiene group (p = 0.01).")
    builder = RecordBuilder(doc)
    target = doc[0:2]
    builder.arm_scores = {("arm", "hygiene"): 0.5, ("arm", "music relaxation"): 0.3, ("drug", "zolpidem"): 0.4}
    assert builder._unless_compared_against("hygiene", target, []) == "music relaxation"
    assert builder._unless_compared_against("yoga", target, []) == "yoga"  # not the compared arm
    builder.arm_scores = {("arm", "hygiene"): 0.5, ("arm", "music relaxation"): 0.1}
    assert builder._unless_compared_against("hygiene", target, []) == "hygiene"  # no other arm sure enough


def test_figures_given_for_two_named_arms_are_stated_for_the_first():
    words = lower("mean pain ratings were 3.2 for the brace group and 4.1 for the taping group ( p = 0.02 )")
    assert stated_arm(words, 0, len(words), []) == "brace"


def test_one_named_arm_with_figures_or_arms_without_figures_state_no_arm():
    words = lower("mean pain ratings were 3.2 for the brace group and 4.1 in controls")
    assert stated_arm(words, 0, len(words), []) is None
    words = lower("patients of the brace group and of the taping group were asked about pain")
    assert stated_arm(words, 0, len(words), []) is None
    words = lower("mean pain ratings were 3.2 for the brace group and 4.1 for the brace group at one year")
    assert stated_arm(words, 0, len(words), []) is None


def test_a_result_given_by_arm_figures_is_the_first_arms(pipeline):
    text = ("In a randomized trial of 90 adults with ankle sprain, elastic bracing was compared with kinesio taping. "
            "Mean pain ratings were 3.2 for the brace group and 4.1 for the taping group (p = 0.02).")
    records = [r for r in pipeline.extract(text).records if "pain" in r.outcome]
    assert records and {r.intervention for r in records} == {"brace"}


def test_an_arm_name_leaves_out_how_often_the_arm_was_given():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from extractor.records import arm_name

    doc = Doc(Vocab(), words="a foot massage session every 2 days".split())
    assert arm_name(doc[0:len(doc)]) == "foot massage session"
    doc = Doc(Vocab(), words="written feedback three times".split())
    assert arm_name(doc[0:len(doc)]) == "written feedback"
    doc = Doc(Vocab(), words="everyday walking".split())
    assert arm_name(doc[0:len(doc)]) == "everyday walking"
