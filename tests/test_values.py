"""Typed values parsed from result text (sentences written for the test)."""

import pytest

from extractor.values import (
    KINDS, effect_measures, find_p_values, find_values, find_values_and_p_values, parse_p_value, parse_p_values,
    parse_values, scored_values,
)


def only(text):
    values = parse_values(text)
    assert len(values) == 1, values
    return values[0]


@pytest.mark.parametrize("text, kind, value, low, high, level", [
    ("risk ratio 0.81, 95% CI 0.65-1.00", "rr", 0.81, 0.65, 1.0, 95),
    ("HR 0.74 (95% CI, 0.65 to 0.85; P<0.001)", "hr", 0.74, 0.65, 0.85, 95),
    ("OR = 1.9 [1.2, 3.1]", "or", 1.9, 1.2, 3.1, None),
    ("mean difference -2.3 points (95% CI -3.1 to -1.5)", "md", -2.3, -3.1, -1.5, 95),
    ("mean difference \u22122.3 points (95% CI \u22123.1 to \u22121.5)", "md", -2.3, -3.1, -1.5, 95),
    ("hazard ratio 0\u00b776, 95% CI 0\u00b765\u20130\u00b788", "hr", 0.76, 0.65, 0.88, 95),
    ("adjusted odds ratio [aOR] 2.1; 95% CI 1.3 to 3.4", "or", 2.1, 1.3, 3.4, 95),
    ("The hazard ratio for death or hospitalization was 0.80 (95% CI, 0.73 to 0.87).", "hr", 0.8, 0.73, 0.87, 95),
    ("(HR, 1.02; 95% CI, 0.90-1.15; P = .76)", "hr", 1.02, 0.9, 1.15, 95),
    ("weighted mean difference (WMD) 1.2 kg (0.4 to 2.0)", "wmd", 1.2, 0.4, 2.0, None),
    ("SMD -0.35 (-0.52, -0.18)", "smd", -0.35, -0.52, -0.18, None),
    ("IRR 0.62 (90% CrI 0.44-0.87)", "irr", 0.62, 0.44, 0.87, 90),
    ("incidence rate ratio 1.4 (1.1-1.8)", "irr", 1.4, 1.1, 1.8, None),
    ("RR 0.75, 0.60-0.94", "rr", 0.75, 0.6, 0.94, None),
    ("mean difference -4.2 percentage points, 95% CI -7.9 to -0.5", "md", -4.2, -7.9, -0.5, 95),
])
def test_effect_measures_with_their_intervals(text, kind, value, low, high, level):
    parsed = only(text)
    assert (parsed["kind"], parsed["value"], parsed["ci_low"], parsed["ci_high"]) == (kind, value, low, high)
    assert parsed.get("ci_level") == level
    assert parsed["unit"] is None and parsed["approx"] is False


@pytest.mark.parametrize("text, kind, value, unit", [
    ("relative risk reduction of 20%", "rrr", 20, "%"),
    ("reduced the relative risk by 20%", "rrr", 20, "%"),
    ("an absolute risk reduction of 3.2 percentage points", "arr", 3.2, None),
    ("odds ratio 2.5", "or", 2.5, None),
])
def test_measure_kinds(text, kind, value, unit):
    parsed = only(text)
    assert (parsed["kind"], parsed["value"], parsed["unit"]) == (kind, value, unit)


def test_percentages_compared():
    assert [(v["value"], v["unit"], v["kind"]) for v in parse_values("29.1% vs 62.7%")] == [
        (29.1, "%", "percent"), (62.7, "%", "percent")]
    assert [v["value"] for v in parse_values("HbA1c fell from 8.1% to 7.2%")] == [8.1, 7.2]


def test_percentage_with_its_interval_and_approximation():
    assert only("a rate of 12% (10-14%)") == {"value": 12, "unit": "%", "approx": False, "kind": "percent",
                                              "ci_low": 10, "ci_high": 14}
    assert only("reduced mortality by about 20% (38)") == {"value": 20, "unit": "%", "approx": True, "kind": "percent"}


@pytest.mark.parametrize("text, values", [
    ("The illness was shortened by 0.7 days.", [0.7]),
    ("Weight fell by 3.7 kg with the drug against 1.8 kg with placebo.", [3.7, 1.8]),
    ("Heart rate fell to about 75 beats per minute.", [75]),
    ("The rate was 8.1 vs 9.4 per 100 patient-years.", [8.1, 9.4]),
    ("Forced vital capacity declined less, by 107 mL per year.", [107]),
    ("Recovery took a median of 6 vs 8 days.", [6, 8]),
    ("Blood loss was lower (median 150 mL vs 320 mL).", [150, 320]),
    ("Trough levels were 4.2 mg/L versus 6.3 mg/L.", [4.2, 6.3]),
])
def test_plain_numbers_reported_as_results(text, values):
    assert [v["value"] for v in parse_values(text)] == values
    assert {v["kind"] for v in parse_values(text)} == {"number"}


def test_counts_keep_their_denominator_and_are_not_scored():
    parsed = parse_values("12 (35%) patients developed rash; fever in 8/34 and in 9 of 40.")
    assert [(v["kind"], v["value"], v.get("denominator")) for v in parsed] == [
        ("count", 12, None), ("percent", 35, None), ("count", 8, 34), ("count", 9, 40)]
    assert scored_values(parsed) == [{"value": 35, "unit": "%", "approx": False}]


@pytest.mark.parametrize("text", [
    "Patients took 10 mg twice daily for 12 weeks.",
    "Adults aged 65 years or older were enrolled in 2019.",
    "Grade 3 events were rare in phase 3.",
    "The trial (n = 120) enrolled 120 patients from 14 centres.",
    "IL-6 fell in COVID-19 pneumonia and FEV1 rose in type 2 diabetes.",
    "28-day mortality in 65-year-old adults.",
    "Patients with LVEF <40% or at least 50% stenosis.",
    "As reported before [12-14] and (4, 5).",
    "The odds ratio was not reported in 12 patients.",
    "There was no difference in 28-day mortality.",
    "Doses of 30 mg/kg/day were given between 2010 and 2019.",
    "Hazard ratios are shown in Table 2.",
    "Outcomes were assessed at 12 weeks vs 24 weeks.",
    "The 10 mg vs 20 mg doses were compared.",
])
def test_numbers_that_are_not_values(text):
    assert parse_values(text) == []


@pytest.mark.parametrize("text, value, comparator", [
    ("p = 0.41", 0.41, "="), ("P<.001", 0.001, "<"), ("P ≤ 0.05", 0.05, "<="), ("P > 0.05", 0.05, ">"),
    ("the P value was 0.03", 0.03, "="), ("p for trend = 0.02", 0.02, "="), ("P = 3 x 10-5", 3e-05, "="),
    ("P\u2009<\u20090\u00b70001", 0.0001, "<"),
])
def test_p_values(text, value, comparator):
    parsed = parse_p_value(text)
    assert (parsed["value"], parsed["comparator"], parsed["kind"]) == (value, comparator, "p")


def test_p_values_are_not_values_and_none_without_one():
    text = "mortality 12% vs 15% (P = 0.04; P for interaction = 0.3)"
    assert [v["value"] for v in parse_values(text)] == [12, 15]
    assert [p["value"] for p in parse_p_values(text)] == [0.04, 0.3]
    assert parse_p_value("P = NS in 12 patients") is None
    assert parse_p_value("phase 3 in group P") is None


def test_effect_measures_and_offsets():
    text = "Death fell to 9% (HR 0.70, 95% CI 0.55-0.89)."
    assert [v["kind"] for v in effect_measures(text)] == ["hr"]
    spans = [(text[s:e], v["kind"]) for s, e, v in find_values(text)]
    assert spans == [("9%", "percent"), ("0.70", "hr")]


def test_every_kind_is_declared():
    text = "HR 0.7; OR 1.2; RR 0.9; RRR 20%; ARR 3.1; MD -1.2; SMD 0.4; WMD 2.2; IRR 1.5; 40%; 8/20; 0.35 vs 0.45"
    kinds = {v["kind"] for v in parse_values(text)}
    assert kinds == set(KINDS) - {"p"}


def test_values_and_p_values_found_together_are_those_found_apart():
    text = "HR 0.74 (95% CI, 0.65 to 0.85; P = 0.02) and 12% vs 30% (p<0.001)"
    assert find_values_and_p_values(text) == (find_values(text), find_p_values(text))


def test_measure_names_in_any_case_and_outside_ascii_are_still_read():
    # the quick pre-checks look in lower-cased ASCII text only; other text goes to the full patterns
    assert [v["kind"] for v in parse_values("Hazard Ratio 0.80 (0.70-0.90)")] == ["hr"]
    assert [v["kind"] for v in parse_values("ODDS RATIO 1.9 [1.2, 3.1] in the ≥65 group")] == ["or"]
    assert [v.get("ci_level") for v in parse_values("mean difference 2.3 (95 % C.I. 1.1 to 3.5)")] == [95]


@pytest.mark.parametrize("text, values", [
    ("shortened the illness by 0.7 days", [0.7]), ("LDL fell to about 75", [75]),
    ("given by 2 nurses", []), ("lowered LDL by 40 mg/dL", [40]),
])
def test_a_number_after_a_stated_change_is_a_value(text, values):
    assert [v["value"] for v in parse_values(text)] == values


@pytest.mark.parametrize("text, units", [
    ("Potassium fell by 0.55 mmol/L with the binder.", ["mmol/L"]),
    ("Blood loss was lower (median 150 mL vs 320 mL).", ["mL", "mL"]),
    ("Recovery took a median of 6 vs 8 days.", ["days", "days"]),  # shared: see below
    ("The rate was 8.1 vs 9.4 per 100 patient-years.", [None, None]),
])
def test_a_plain_value_keeps_the_unit_written_after_it(text, units):
    assert [v["unit"] for v in parse_values(text)] == units


def test_a_number_listed_after_a_measure_value_shares_its_kind():
    assert [(v["value"], v["kind"]) for v in parse_values("(OR 1.6 and 2.3, respectively)")] == [(1.6, "or"), (2.3, "or")]


@pytest.mark.parametrize("text, values", [
    ("Scores were 12.5 and 15.1 (t = 2.3, P = 0.02).", [12.5, 15.1]),
    ("Rates were 40.0% and 62.5%, respectively (χ2 = 3.968, P < 0.05).", [40.0, 62.5]),
    ("Means were 4.2 and 6.3 (F(2, 40) = 7.10, P = .003).", [4.2, 6.3]),
    ("Means were 4.2 and 6.3 (F1,415 = 7.104, P = .008).", [4.2, 6.3]),
    ("Medians were 3.5 vs 4.9 (z = -2.1).", [3.5, 4.9]),
])
def test_a_test_statistic_is_no_value(text, values):
    assert [v["value"] for v in parse_values(text) if v["kind"] != "p"] == values


@pytest.mark.parametrize("text", [
    "-5", "-.5", "- 5%", "a fall of -12.5 % and 1,234,567 of 2,000 patients", ".5/10", "3.2.1", "a-3 and IL-6 4",
    "1/2/3", "-1,000%", "5 of the 10 (50%)", "12,34 and 1,2345", "0.5 - 0.7", "x.5, ..5, 5..5, ,5, /5, -,5",
    "rose by 3.7 days (12/40, 30%) against 1.8 days", "\u0661\u0662 of \u0664\u0665", "-\u20035 %",
])
def test_number_patterns_opening_with_a_character_class_match_as_the_plain_ones(text):
    """The count, percent and bare-number patterns open with their number's first character (a faster scan):
    the same matches as the patterns written with a leading look-behind or optional minus sign."""
    import re

    from extractor import values

    num, signed = values.NUM, values.SIGNED
    plain = {
        values._PERCENT: rf"(?P<num>{signed})\s*(?:%|percent\b|per cent\b)",
        values._COUNT_OF: rf"(?<![\d.,/])(?P<num>{num})\s*(?:/|out of|of)\s*(?:the\s+)?(?P<den>{num})(?![\d%]|\.\d)",
        values._COUNT_PERCENT: rf"(?<![\d.,/])(?P<num>{num})\s*\(\s*{num}\s*%",
        values._BARE: rf"(?<![\w.,/-])(?P<num>-?{num})(?![\w%/])",
    }
    for fast, pattern in plain.items():
        for start in range(len(text)):
            expected = [(m.span(), m.groupdict()) for m in re.finditer(pattern, text[start:])]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text[start:])] == expected


@pytest.mark.parametrize("before", [
    "mortality of ", "fell by about ", "APPROX. ", "at  least ", "At Least\n", "in more than\t", "rose up to ",
    "on day\u00a0", "DAYS ", "under\n\n", "grade", "\u017fome ", "≈ ", "≥", "scored  ", "x<",
])
def test_the_cheap_check_before_an_end_anchored_pattern_never_hides_a_match(before):
    """_may_end_with rules out only texts the case-blind patterns anchored at the end cannot match."""
    from extractor import values

    for pattern, ends in ((values._APPROX, values._APPROX_ENDS), (values._THRESHOLD_BEFORE, values._THRESHOLD_ENDS),
                          (values._DATE_OR_SCORE_BEFORE, values._DATE_OR_SCORE_ENDS),
                          (values._CHANGE_BEFORE, values._CHANGE_ENDS)):
        for start in range(len(before)):
            text = before[start:]
            if pattern.search(text):
                assert values._may_end_with(text, ends), (pattern.pattern, text)


@pytest.mark.parametrize("text", [
    "reduced death (odds ratio 0.75, 95% CI 0.60-0.94; I² = 0%)",
    "reduced death (odds ratio 0.75, 95% CI 0.60-0.94; I2 = 54%)",
])
def test_a_heterogeneity_statistic_is_no_value(text):
    from extractor.values import find_values

    assert [v["value"] for _, _, v in find_values(text)] == [0.75]


@pytest.mark.parametrize("text, values", [
    ("LDL cholesterol rose by 10-20% within 12 weeks", [10, 20]),
    ("mortality was 10–15% in both arms", [10, 15]),
    ("a 5 to 10% fall in weight", [5, 10]),
])
def test_both_ends_of_a_range_of_percentages_are_values(text, values):
    from extractor.values import find_values

    assert [(v["value"], v["kind"]) for _, _, v in find_values(text)] == [(value, "percent") for value in values]


def test_plural_measure_names_type_their_estimates():
    from extractor.values import find_values

    found = [(v["value"], v["kind"]) for _, _, v in find_values("(hazard ratios 0.84 and 0.86, respectively)")]
    assert found == [(0.84, "hr"), (0.86, "hr")]


def test_a_plain_number_compared_with_a_value_and_its_unit_shares_the_unit():
    from extractor.values import find_values

    found = [(v["value"], v["unit"]) for _, _, v in find_values("median stay 7 vs 8 days (P = 0.41)")]
    assert found == [(7, "days"), (8, "days")]
    found = [(v["value"], v["unit"]) for _, _, v in find_values("mean 4.2 versus 6.3 mg/L")]
    assert found == [(4.2, "mg/L"), (6.3, "mg/L")]


def test_a_change_by_a_mean_of_an_amount_is_a_value():
    text = "Tranexamic acid reduced blood loss by a mean of 591 mL in 2,925 patients."
    assert [(v["value"], v["unit"]) for _, _, v in find_values(text)] == [(591, "mL")]


def test_a_time_point_or_span_of_a_result_is_no_value():
    text = "In a meta-analysis of 12 trials, intravenous lidocaine reduces pain at 1 to 4 hours after surgery."
    assert find_values(text) == []
    text = "Azithromycin increased the time to first exacerbation from 174 to 266 days."
    assert [v["value"] for _, _, v in find_values(text)] == [174, 266]
