"""The arm a comparison sentence states its result for (extractor/sentence_arms.py) and the first
p-value rule of records (first_p_not_significant)."""

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
    assert not first_p_not_significant([])
