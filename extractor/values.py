"""Typed result values parsed from a clause's text: percentages, effect measures with their
confidence intervals, counts, plain numbers, and p-values.

Every value is a dict that extends the gold format of ``ANNOTATION.md``
(``{"value": number, "unit": "%" | None, "approx": bool}``) with:

- ``"kind"``: one of :data:`KINDS` ("percent", "hr", "or", "rr", "rrr", "arr", "md", "smd", "wmd",
  "irr", "count", "number", and "p" for p-values);
- ``"ci_low"``, ``"ci_high"`` and, where stated, ``"ci_level"`` (95) for an interval given with the value;
- ``"denominator"`` for counts out of a total ("8/34", "8 of 34");
- ``"comparator"`` ("<", "<=", "=", ">", ">=") for p-values.

What goes in a record's scored ``values`` (the scorer compares them as a set of numbers): the point
estimates only, i.e. items whose kind is in :data:`SCORED_KINDS`, as :func:`scored_values` keeps them.
Confidence bounds travel inside their estimate (``ci_low``/``ci_high``), never as values of their own;
p-values are found apart (:func:`find_p_values`); the records builder keeps exact ones ("p = 0.41")
among a record's values, as ANNOTATION.md asks, typed ``"kind": "p"``; event counts
("12 (35%)", "8/34") keep their percentage as the value and are left out themselves. This follows the
annotation example, where a reduction "by about 20%" is the one value, and our own gold passages, where
a hazard ratio's point estimate is the value and its interval is not.

Not values: doses ("10 mg"), durations ("12 weeks", unless a change is stated "by 0.7 days"), ages,
years ("2019"), grades, phases and types ("grade 3"), sample sizes ("n = 120", "120 patients"),
thresholds ("<50%", "at least 30%"), citation markers ("(4)", "[12-14]") and numbers inside names
("IL-6", "COVID-19", "FEV1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .lexicons.vocabulary import word_list

KINDS = ("percent", "hr", "or", "rr", "rrr", "arr", "md", "smd", "wmd", "irr", "count", "p", "number")
EFFECT_KINDS = ("hr", "or", "rr", "rrr", "arr", "md", "smd", "wmd", "irr")
SCORED_KINDS = frozenset({"percent", "number", *EFFECT_KINDS})

# Same-length replacements, so that offsets found in the cleaned text hold in the original.
_CHAR_MAP = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                           "\u2014": "-", "\u2009": " ", "\u202f": " ", "\u00a0": " ", "\u2264": "≤", "\u2265": "≥"})
_MIDDLE_DOT = re.compile(r"(?<=\d)[·\u22c5](?=\d)")  # Lancet-style decimal point "0·81"

NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d|\.\d)|\d+(?:\.\d+)?|\.\d+)"
SIGNED = rf"(?:-\s?)?{NUM}"

# Effect measure names: long forms in any case, abbreviations in capitals only (the word "or" is not an odds ratio).
_MEASURES: list[tuple[str, str]] = [
    (r"(?i:relative risk reduction)|RRR", "rrr"),
    (r"(?i:absolute risk (?:reduction|difference)|risk difference)|ARR|ARD", "arr"),
    (r"(?i:incidence rate ratios?|rate ratios?)|a?IRR", "irr"),
    (r"(?i:standardi[sz]ed mean difference)|SMD", "smd"),
    (r"(?i:weighted mean difference)|WMD", "wmd"),
    (r"(?i:(?:adjusted |crude )?hazard ratios?)|a?HRs?", "hr"),
    (r"(?i:(?:adjusted |crude )?odds ratios?)|a?OR", "or"),
    (r"(?i:(?:adjusted )?(?:risk ratios?|relative risks?))|a?RR", "rr"),
    (r"(?i:(?:mean |between-group |adjusted mean )?difference)|MD", "md"),
]
# From a measure's name to its estimate: words, commas, "=", ":", "of", "was", brackets; no digits, no clause end.
_TO_ESTIMATE = r"[^\d;.!?]{0,60}?"
# The look-behind is shared by every name, so it is tested once per position (inside a word most
# positions fail there), not once per name: the same matches, in half the time.
_MEASURE = re.compile(
    "(?<![A-Za-z])(?:" + "|".join(rf"(?P<m{i}>{pattern})(?![A-Za-z])" for i, (pattern, _) in enumerate(_MEASURES)) + ")"
)
_MEASURE_KIND = {f"m{i}": kind for i, (_, kind) in enumerate(_MEASURES)}

_INTERVAL = rf"(?P<lo>{SIGNED})\s*(?:-|to|,|;)\s*(?P<hi>{SIGNED})"
_CI_NAME = r"(?:CI|CrI|confidence interval|credible interval|C\.I\.)"
_STATED_CI = re.compile(
    rf"(?:(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*)?{_CI_NAME}\s*(?:[,:=]|of|was|\(|\[)?\s*(?:[,:=]\s*)?[(\[]?\s*{_INTERVAL}\s*[)\]]?",
    re.I)
# "(0.65-0.85)", "[1.2, 3.1]", and unbracketed after a comma: "RR 0.75, 0.60-0.94".
_BRACKET_INTERVAL = re.compile(
    rf"[(\[]\s*{_INTERVAL}\s*%?\s*[)\];,]|[,;]\s*(?P<lo2>{SIGNED})\s*(?:-|to)\s*(?P<hi2>{SIGNED})(?=\s*[)\];,]|\.?\s*$)")
# Between a value and its interval: brackets, punctuation and at most one unit word ("-2.3 points (95% CI ...").
# What may stand between a value and its interval: a unit of one or two words ("mmol/L", "percentage points").
_GAP_TO_INTERVAL = re.compile(r"^\s*(?:[A-Za-z/]+(?:\s[A-Za-z/]+)?)?[\s,;:(\[]*$")

# The letter before its look-behind (the same matches): the engine then jumps from one P or p to the next in C
# instead of trying the look-behind at every position.
_P_VALUE = re.compile(
    r"[Pp](?<![A-Za-z][Pp])(?:\s*-?\s*values?)?(?:\s+for\s+(?:trend|interaction|heterogeneity|difference))?"
    r"\s*(?:(?P<cmp><=|>=|≤|≥|<|>|=)|(?:was|of|:)\s*(?P<cmp2><=|>=|≤|≥|<|>|=)?)\s*"
    r"(?P<num>\d*\.\d+|[01](?![\d.])|\d(?:\.\d+)?\s*[x×]\s*10\s*(?:\^|-|−)\s*-?\d+|\d(?:\.\d+)?e-\d+)"
)
_COMPARATORS = {"≤": "<=", "≥": ">=", "<=": "<=", ">=": ">=", "<": "<", ">": ">", "=": "="}


# NUM once its first character is read (a digit or the point of ".5"), the same alternatives in the same order.
_NUM_REST = r"(?:(?<=\d)(?:\d{0,2}(?:,\d{3})+(?!\d|\.\d)|\d*(?:\.\d+)?)|(?<=\.)\d+)"


def _opening_number(minus: str | None = None, not_after: str = "") -> str:
    """A pattern that opens with NUM: ``minus``, what may stand between a leading minus sign and the digits
    ("" for "-?NUM", r"\\s?" for SIGNED; None: no sign), ``not_after``, the characters that may not stand before
    the number (a negative look-behind). The same matches as "(?<![not_after])-?NUM", written to open with
    the character class of the number's first character: the regex engine then jumps in C from one digit to
    the next instead of trying the pattern at every position (a leading look-behind or optional group keeps
    it from doing so; the look-behind is tested after that character instead, as in _P_VALUE)."""
    first = r"[\d.]" if minus is None else r"[-\d.]"
    behind = rf"(?<![{not_after}]{first})" if not_after else ""
    rest = _NUM_REST if minus is None else rf"(?:(?<=-){minus}{NUM}|{_NUM_REST})"
    return first + behind + rest


_OPTIONAL_SPACE = r"\s?"
_NUMBER = _opening_number(not_after=r"\d.,/")  # not inside a larger number, decimal, list or fraction
_PERCENT = re.compile(rf"(?P<num>{_opening_number(minus=_OPTIONAL_SPACE)})\s*(?:%|percent\b|per cent\b)")
# "10-20%", "10–15 percent", "5 to 10%": both ends of a range of percentages are values.
_RANGE_LOW = _opening_number(not_after=r"\d.,/-")  # not inside a larger number, decimal, list, fraction or range
_PERCENT_RANGE = re.compile(rf"(?P<low>{_RANGE_LOW})\s*(?:-|–|to)\s*(?P<high>{NUM})\s*(?:%|percent\b|per cent\b)")
_COUNT_OF = re.compile(rf"(?P<num>{_NUMBER})\s*(?:/|out of|of)\s*(?:the\s+)?(?P<den>{NUM})(?![\d%]|\.\d)")
_COUNT_PERCENT = re.compile(rf"(?P<num>{_NUMBER})\s*\(\s*{NUM}\s*%")
_BARE_NUMBER = _opening_number(minus="", not_after=r"\w.,/-")  # not inside a word, number, fraction or range
_BARE = re.compile(rf"(?P<num>{_BARE_NUMBER})(?![\w%/])")
_APPROX = re.compile(r"(?:~|≈|\babout|\bapproximately|\bapprox\.?|\baround|\bnearly|\balmost|\broughly|\bsome)\s*$", re.I)
_APPROX_ENDS = ("~", "about", "approximately", "approx", "approx.", "around", "nearly", "almost", "roughly", "some")

_THRESHOLD_BEFORE = re.compile(
    r"(?:[<>≤≥]|\bat least|\bat most|\bover|\babove|\bbelow|\bunder|\bexceeding|\bmore than|\bless than|\bup to)\s*$", re.I)
_THRESHOLD_ENDS = ("<", ">", "at least", "at most", "over", "above", "below", "under", "exceeding", "more than", "less than",
                   "up to")
_NAMED_BEFORE = re.compile(
    r"(?:\b(?:day|days|week|weeks|month|months|year|years|grade|grades|phase|stage|type|class|aged|age|visit|cycle|"
    r"version|step|level|dose|doses|per|every|each|n|N|score of|in|since|during|until)\s*[=:]?\s*)$")
_GROUP_AFTER = re.compile(
    r"^\s*(?:patients?|participants?|subjects?|people|persons|individuals|adults|children|women|men|infants|cases|"
    r"controls|trials?|studies|study|centres|centers|sites|hospitals|countries|cycles|doses|tablets|injections|"
    r"sessions|visits|events|deaths|times|fold|-fold|x|×)(?![A-Za-z])")
_TIME_UNITS = r"(?:h|hr|hrs|hours?|min|minutes?|d|days?|wk|wks|weeks?|mo|months?|y|yr|yrs|years?)"
_UNIT_AFTER = re.compile(
    r"^\s*(?:mg|g|kg|µg|μg|mcg|ng|ml|mL|l|L|dl|dL|mmol|µmol|μmol|mol|iu|IU|U|units?|mmHg|mm|cm|m|°C|°|"
    r"s|sec|seconds?|" + _TIME_UNITS + r")(?![A-Za-z])")
_CHANGE_BEFORE = re.compile(
    r"\b(?:shorten|prolong|reduc|lower|increas|decreas|improv|rais|extend|fell|fall|rose|rise|declin|delay|drop|gain|lost|los)"
    r"\w*\b(?:[^.;]|\.(?=\d)){0,60}\b(?:by|to)\s*(?:an?\s+(?:mean|median|average)\s+of\s*)?"
    r"(?:about|approximately|around|nearly|almost|roughly|~|≈)?\s*$", re.I)
_CHANGE_ENDS = ("by", "to", "of", "about", "approximately", "around", "nearly", "almost", "roughly", "~")
_DATE_OR_SCORE_ENDS = tuple(word_list("date_or_score_nouns"))
_DATE_OR_SCORE_BEFORE = re.compile(rf"\b(?:{'|'.join(_DATE_OR_SCORE_ENDS)})\s*$", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A test statistic before its number ("χ2 = 3.97", "t = 2.3", "F(1, 40) = 7.1", "F1,415 = 7.104", "z = 1.8",
# "U = 120", "r = 0.42"): how a result was tested or correlated, no value measured in an arm.
_STATISTIC_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:[χΧxX]\s?(?:2|²)|chi(?:-|\s)?squared?|chi2|t|z|Z|U|H|W|r|rho|ρ|τ|tau|F\s?\(?\s?\d+\s?,\s?\d+\s?\)?|F)"
    r"(?:\s?\(\s?\d+(?:\s?,\s?N?\s?=?\s?\d+)?\s?\))?\s*[=:]\s*-?)$")
# A meta-analysis's heterogeneity statistic before its percentage ("I² = 0%", "I2 54%", "I^2 = 12%").
_HETEROGENEITY_BEFORE = re.compile(r"(?<![A-Za-z])I\s?(?:2|²|\^2)\s*[=:]?\s*$")
_CITATION = re.compile(r"[(\[]\s*\d+(?:\s*[-,]\s*\d+)*\s*[)\]]")
_COMPARISON_BEFORE = re.compile(r"(?:\bvs\.?|\bversus|\bagainst|\bcompared with|\bcompared to|\bfrom)\s*$", re.I)
# A measurement unit as written after a value: "g", "mg/dL", "mmol/L", "mL/min/1.73 m2", "µg".
_UNIT = r"(?:[A-Za-zµμ°]{1,7}(?:/[A-Za-z0-9µμ.]{1,8}){0,2}(?:\s?m2)?)"
_NUMBER_BEFORE_COMPARISON = re.compile(rf"\d\s*(?:%|{_UNIT})?\s*(?:vs\.?|versus)\s*$", re.I)
# "4 g vs 12 g", "4.2 mg/L versus 6.3": a value with its unit compared with another value
_UNIT_THEN_COMPARISON = re.compile(rf"^\s*{_UNIT}\s*(?:vs\.?|versus)\s*{SIGNED}", re.I)
# ... but not time points or doses compared: "at 12 weeks vs 24 weeks", "10 mg vs 20 mg doses"
_TIME_POINT_BEFORE = re.compile(rf"\b(?:at|after|from|between|within)\s+(?:{NUM}\s*{_UNIT}\s*(?:vs\.?|versus)\s*)?$", re.I)
# "at 1 to 4 hours", "within 7 days": a time point or span of the result, no value of it ("from 174 to 266 days"
# is a change of a time outcome)
_TIME_SPAN_AFTER = re.compile(rf"^\s*(?:(?:to|and|-|–)\s*{NUM}\s*)?{_TIME_UNITS}(?![A-Za-z])", re.I)
_TIME_SPAN_BEFORE = re.compile(rf"\b(?:at|after|within|over)\s+(?:{NUM}\s*(?:to|and|-|–)\s*)?$", re.I)
_DOSE_AFTER = re.compile(rf"^\s*{_UNIT}?\s*(?:(?:vs\.?|versus)\s*{SIGNED}\s*{_UNIT}?\s*)?(?:doses?|regimens?|arms?|groups?)\b", re.I)
_COMPARISON_AFTER = re.compile(rf"^\s*(?:vs\.?|versus|compared with|compared to|to)\s*{SIGNED}")
_ESTIMATE = re.compile(rf"{_TO_ESTIMATE}(?P<num>{SIGNED})(?P<pct>\s*(?:%|percent\b|per cent\b))?")
_CI_AFTER = re.compile(rf"\s*{_CI_NAME}", re.I)

# Cheap necessary conditions, checked before the finders' regexes (most clauses state no measure and
# no interval): the literals every match of a pattern contains. Words that the patterns match in any
# case are looked for in the lower-cased text only where it is ASCII, where re.IGNORECASE and
# str.lower agree; other text goes to the regexes.
_MEASURE_CAPITALS = ("RR", "ARD", "MD", "HR", "OR")  # RRR, ARR, (a)IRR, (a)RR; SMD, WMD; (a)HR; (a)OR
_MEASURE_WORDS = ("ratio", "risk", "difference")  # every long form holds one of these
_CI_WORDS = ("ci", "cri", "c.i.", "interval")


def may_hold(text: str, words: tuple[str, ...], capitals: tuple[str, ...] = ()) -> bool:
    """False only where ``text`` holds none of ``capitals`` (case-sensitive) and none of ``words`` in any case: a
    case-blind pattern each of whose matches holds one of them cannot match it. Checked where the text is ASCII,
    where lower-casing folds case as the pattern does; the look-ups cost far less than a search that tries the
    pattern's alternatives at every position."""
    return holds_any(text, capitals) or not text.isascii() or holds_any(text.lower(), words)


def holds_any(text: str, parts: Iterable[str]) -> bool:
    """``any(part in text for part in parts)``, as a plain loop: the generator costs more than the tests
    themselves, and these checks run on every clause and sentence."""
    for part in parts:
        if part in text:
            return True
    return False


@dataclass
class _Item:
    start: int
    end: int
    value: dict
    interval_from: int = field(default=-1)


def _clean(text: str) -> str:
    if text.isascii():
        return text  # every character _CHAR_MAP and _MIDDLE_DOT replace lies outside ASCII
    return _MIDDLE_DOT.sub(".", text.translate(_CHAR_MAP))


_NUMBER_GAPS = re.compile(r"[\s,]")
_INTEGER = re.compile(r"-?\d+")


def _number(text: str) -> float | int:
    cleaned = _NUMBER_GAPS.sub("", text)
    value = float(cleaned)
    return int(value) if _INTEGER.fullmatch(cleaned) else value


def _may_end_with(text: str, ends: tuple[str, ...]) -> bool:
    """False only where ``text``, its trailing white space left out, ends with none of ``ends`` in any case: a
    check far cheaper than a case-blind pattern of those words anchored at the end ("(?:...)\\s*$", which the
    regex engine tries at every position) that the pattern cannot match. Checked where the text is ASCII, where
    lower-casing folds case as the pattern does."""
    return not text.isascii() or text.rstrip().lower().endswith(ends)


def _approx_before(text: str, start: int) -> bool:
    before = text[max(0, start - 16): start]
    return _may_end_with(before, _APPROX_ENDS) and bool(_APPROX.search(before))


def _threshold_before(before: str) -> bool:
    """Whether a threshold word ends ``before`` ("at least", "<", "more than"): the number after it bounds, not
    reports."""
    return _may_end_with(before, _THRESHOLD_ENDS) and bool(_THRESHOLD_BEFORE.search(before))


def _value(number: str, unit: str | None, kind: str, approx: bool) -> dict:
    return {"value": _number(number), "unit": unit, "approx": approx, "kind": kind}


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    for s, e in taken:  # a plain loop: called for every number of a clause
        if start < e and s < end:
            return True
    return False


def parse_p_values(text: str) -> list[dict]:
    """Every p-value in ``text``: "P<.001" -> {"value": 0.001, "kind": "p", "comparator": "<", ...}."""
    return [value for _, _, value in _p_values(_clean(text))]


def find_p_values(text: str) -> list[tuple[int, int, dict]]:
    """Every p-value in ``text`` with its character offsets."""
    return _p_values(_clean(text))


def parse_p_value(text: str) -> dict | None:
    """The first p-value in ``text``, or ``None``."""
    values = parse_p_values(text)
    return values[0] if values else None


_POWER_OF_TEN = re.compile(r"(\d(?:\.\d+)?)\s*[x×]\s*10\s*(?:\^|-|−)\s*-?(\d+)")  # "3 x 10^-4"


def _p_values(text: str) -> list[tuple[int, int, dict]]:
    found = []
    for match in _P_VALUE.finditer(text):
        comparator = match.group("cmp") or match.group("cmp2") or "="
        raw = match.group("num")
        power = _POWER_OF_TEN.match(raw)
        number = float(f"{power.group(1)}e-{power.group(2)}") if power else float(raw)
        value = {"value": number, "unit": None, "approx": False, "kind": "p", "comparator": _COMPARATORS[comparator]}
        found.append((match.start(), match.end(), value))
    return found


def _stated_intervals(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, dict]]:
    """ "95% CI 0.65-1.00", "(95% CI, 0.65 to 0.85", "confidence interval -3.1 to -1.5"."""
    found: list[tuple[int, int, dict]] = []
    if not may_hold(text, _CI_WORDS):
        return found
    for match in _STATED_CI.finditer(text):
        if overlaps(match.start(), match.end(), taken):
            continue
        bounds = {"ci_low": _number(match.group("lo")), "ci_high": _number(match.group("hi"))}
        if match.group("level"):
            bounds["ci_level"] = _number(match.group("level"))
        found.append((match.start(), match.end(), bounds))
    return found


# Words between a measure's name and a number that make the number no estimate of it
_NOT_AN_ESTIMATE_AFTER = re.compile(r"\b(?:to|in|at|on|after|within|over|from|during|table|figure|fig\.?)\s*$", re.I)


_HYPHENED_WORD = re.compile(r"-[A-Za-z]")


def _effect_items(text: str, taken: list[tuple[int, int]]) -> list[_Item]:
    items: list[_Item] = []
    if not may_hold(text, _MEASURE_WORDS, _MEASURE_CAPITALS):
        return items
    for match in _MEASURE.finditer(text):
        kind = _MEASURE_KIND[match.lastgroup]
        estimate = _ESTIMATE.match(text, match.end())
        if not estimate or overlaps(estimate.start("num"), estimate.end("num"), taken + [(i.start, i.end) for i in items]):
            continue  # also "adjusted odds ratio (aOR) 2.1": one estimate, two names
        after = text[estimate.end("num"):]
        if _HYPHENED_WORD.match(after) or _NOT_AN_ESTIMATE_AFTER.search(text[match.end(): estimate.start("num")]):
            continue  # "no difference in 28-day mortality", "difference at 12 months", "hazard ratios are in Table 2"
        if _GROUP_AFTER.match(after) or (_UNIT_AFTER.match(after) and kind not in ("md", "wmd")):
            continue  # "odds ratio ... in 12 patients", "hazard ratio ... after 2 years"
        unit = "%" if estimate.group("pct") else None
        if kind == "rr" and unit == "%":
            kind = "rrr"  # "relative risk reduced by 20%"
        value = _value(estimate.group("num"), unit, kind, _approx_before(text, estimate.start("num")))
        items.append(_Item(estimate.start("num"), estimate.end(), value))
    return items


def _character_before(text: str, start: int) -> str:
    """The last character before ``start`` that is no white space ("" where there is none)."""
    while start and text[start - 1].isspace():
        start -= 1
    return text[start - 1:start]


def _percent_items(text: str, taken: list[tuple[int, int]]) -> list[_Item]:
    items: list[_Item] = []
    if "%" not in text and "per" not in text:
        return items  # "%", "percent", "per cent"
    for match in _PERCENT_RANGE.finditer(text):
        if overlaps(match.start(), match.end(), taken) or _threshold_before(text[max(0, match.start() - 12):match.start()]) \
                or _character_before(text, match.start()) in ("(", "[", ",", ";"):
            continue  # "12% (10-14%)": the interval of the value before it, read with the brackets
        approx = _approx_before(text, match.start())
        for end in ("low", "high"):
            items.append(_Item(match.start(end), match.end(end), _value(match.group(end), "%", "percent", approx)))
    taken = taken + [(item.start, item.end) for item in items]
    for match in _PERCENT.finditer(text):
        start = match.start("num")
        if overlaps(start, match.end(), taken) or _CI_AFTER.match(text, match.end()):
            continue
        if _threshold_before(text[max(0, start - 12): start]) or (start and text[start - 1] in "-/" and
                                                                        start >= 2 and text[start - 2].isdigit()):
            continue
        if _HETEROGENEITY_BEFORE.search(text[max(0, start - 12): start]):
            continue  # "I² = 54%": how much the pooled trials disagree, no value of the result
        number = match.group("num")
        if number.startswith("-") and start and text[start - 1].isalnum():
            continue
        items.append(_Item(start, match.end(), _value(number, "%", "percent", _approx_before(text, start))))
    return items


def _count_items(text: str, taken: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for match in _COUNT_OF.finditer(text):
        if overlaps(match.start(), match.end(), taken) or "." in match.group("num") + match.group("den"):
            continue
        before = text[max(0, match.start() - 12): match.start()]
        if _may_end_with(before, _DATE_OR_SCORE_ENDS) and _DATE_OR_SCORE_BEFORE.search(before):
            continue  # "day 3 of 7", "grade 2/4"
        value = _value(match.group("num"), None, "count", False)
        value["denominator"] = _number(match.group("den"))
        items.append(_Item(match.start(), match.end(), value))
    for match in _COUNT_PERCENT.finditer(text) if "%" in text else ():
        if not overlaps(match.start("num"), match.end("num"), taken) and "." not in match.group("num"):
            items.append(_Item(match.start("num"), match.end("num"), _value(match.group("num"), None, "count", False)))
    return items


def _is_plain_value(text: str, start: int, end: int, number: str) -> bool:
    """Whether a number standing alone reports a result rather than naming a dose, time, group or thing."""
    before = text[max(0, start - 70): start]
    after = text[end:]
    if start and (text[start - 1].isalpha() or (text[start - 1] == "-" and start >= 2 and text[start - 2].isalnum())):
        return False  # "FEV1", "IL-6", "COVID-19"
    if after[:1] == "-" and after[1:2].isalpha():
        return False  # "28-day", "65-year-old"
    if _YEAR.match(number) or _threshold_before(before[-12:]) or _STATISTIC_BEFORE.search(before[-24:]):
        return False
    if _TIME_SPAN_BEFORE.search(before[-40:]) and _TIME_SPAN_AFTER.match(after):
        return False  # "reduces pain at 1 to 4 hours": when, not how much
    if _GROUP_AFTER.match(after):
        return False
    if _may_end_with(before, _CHANGE_ENDS) and _CHANGE_BEFORE.search(before):
        return True  # "shortened the illness by 0.7 days", "lowered LDL by 40 mg/dL", "fell to 75"
    compared = bool(_COMPARISON_BEFORE.search(before[-24:]))
    if compared and ("." in number or _NUMBER_BEFORE_COMPARISON.search(before)) and not _compared_setting(before, after):
        return True  # "by 3.7 days with X against 1.8 days with placebo", "median 9 vs 10 days", "4 g vs 12 g"
    if _UNIT_THEN_COMPARISON.match(after) and not _NAMED_BEFORE.search(before[-12:]) and not _compared_setting(before, after):
        return True  # "median 4 g vs 12 g": the first value of a compared pair
    if _UNIT_AFTER.match(after) or _NAMED_BEFORE.search(before[-12:]):
        return False
    return "." in number or compared or bool(_COMPARISON_AFTER.match(after))


def _compared_setting(before: str, after: str) -> bool:
    """Whether a compared pair of values names time points or doses ("at 12 weeks vs 24 weeks", "10 mg vs
    20 mg doses"), not results."""
    return bool(_TIME_POINT_BEFORE.search(before[-40:]) or _DOSE_AFTER.match(after))


def _plain_items(text: str, taken: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for match in _BARE.finditer(text):
        start, end = match.span("num")
        number = match.group("num")
        if number.startswith("-") and start and text[start - 1].isalnum():
            continue
        if overlaps(start, end, taken) or not _is_plain_value(text, start, end, number):
            continue
        items.append(_Item(start, end, _value(number, _unit_after(text[end:]), "number", _approx_before(text, start))))
    return items


_UNIT_WRITTEN = re.compile(rf"^\s?(?P<unit>{_UNIT})(?![\w/])")


def _unit_after(after: str) -> str | None:
    """The measurement unit written right after a value ("0.62 mmol/L", "4 g", "12 days"), if any."""
    match = _UNIT_WRITTEN.match(after) if _UNIT_AFTER.match(after) else None
    return match.group("unit") if match else None


def _attach_intervals(text: str, items: list[_Item], intervals: list[tuple[int, int, dict]]) -> None:
    """An interval belongs to the value it directly follows ("0.74 (95% CI 0.65-0.85)", "1.9 [1.2, 3.1]")."""
    for start, _, bounds in intervals:
        before = [item for item in items if item.end <= start and _GAP_TO_INTERVAL.match(text[item.end: start])]
        if before:
            owner = max(before, key=lambda item: item.end)
            if owner.interval_from < 0:
                owner.value.update(bounds)
                owner.interval_from = start


def _bracket_intervals(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, dict]]:
    found = []
    for match in _BRACKET_INTERVAL.finditer(text):
        low, high = match.group("lo") or match.group("lo2"), match.group("hi") or match.group("hi2")
        bounds_like = "." in low + high or "%" in match.group(0) or low.startswith("-")  # "(4, 5)" cites
        if not overlaps(match.start(), match.end(), taken) and bounds_like:
            found.append((match.start(), match.end(), {"ci_low": _number(low), "ci_high": _number(high)}))
    return found


def find_values(text: str) -> list[tuple[int, int, dict]]:
    """Every value in ``text`` with its character offsets, in text order; p-values excluded."""
    return find_values_and_p_values(text)[0]


def find_values_and_p_values(text: str) -> tuple[list[tuple[int, int, dict]], list[tuple[int, int, dict]]]:
    """:func:`find_values` and :func:`find_p_values` of ``text`` together, cleaning and scanning it once."""
    text = _clean(text)
    p_values = _p_values(text)
    return _values(text, p_values), p_values


_NOT_CITED = re.compile(r"\d\.\d|-\s?\.?\d.*-")  # a decimal or a range of negatives in brackets: figures, no citation


def _values(text: str, p_values: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    taken = [(s, e) for s, e, _ in p_values]
    stated = _stated_intervals(text, taken)
    taken += [(s, e) for s, e, _ in stated]
    taken += [m.span() for m in _CITATION.finditer(text) if not _NOT_CITED.search(m.group(0))]
    items: list[_Item] = []
    for finder in (_effect_items, _percent_items):
        new = finder(text, taken)
        items += new
        taken += [(item.start, item.end) for item in new]
    bracketed = _bracket_intervals(text, taken)
    _attach_intervals(text, items, stated)
    taken += [(s, e) for s, e, _ in bracketed]
    for finder in (_count_items, _plain_items):
        new = finder(text, taken)
        items += new
        taken += [(item.start, item.end) for item in new]
    _attach_intervals(text, items, bracketed)
    _attach_intervals(text, [item for item in items if item.interval_from < 0], stated)
    items.sort(key=lambda item: item.start)
    _share_measure_kinds(text, items)
    _share_compared_units(text, items)
    return [(item.start, item.end, item.value) for item in items]


_LISTED_AFTER = re.compile(r"^\s*(?:,|and|or|, and|, or)\s*$")


def _share_measure_kinds(text: str, items: list[_Item]) -> None:
    """ "HR 0.47 and 0.67, respectively": a plain number listed right after a measure's value is that
    measure's value too."""
    for previous, item in zip(items, items[1:]):
        if item.value["kind"] == "number" and previous.value["kind"] in EFFECT_KINDS \
                and _LISTED_AFTER.match(text[previous.end:item.start]):
            item.value["kind"] = previous.value["kind"]


_COMPARED_WITH = re.compile(r"^\s*(?:vs\.?|versus)\s*$", re.I)


def _share_compared_units(text: str, items: list[_Item]) -> None:
    """ "median 7 vs 8 days": a plain number compared with a value written with its unit shares that unit."""
    for previous, item in zip(items, items[1:]):
        if previous.value["kind"] == item.value["kind"] == "number" and previous.value["unit"] is None \
                and item.value["unit"] is not None and _COMPARED_WITH.match(text[previous.end:item.start]):
            previous.value["unit"] = item.value["unit"]


def parse_values(text: str) -> list[dict]:
    """The values ``text`` reports, typed, in text order (p-values excluded: see :func:`parse_p_value`).

    >>> parse_values("HR 0.74 (95% CI, 0.65 to 0.85; P<0.001)")
    [{'value': 0.74, 'unit': None, 'approx': False, 'kind': 'hr', 'ci_low': 0.65, 'ci_high': 0.85, 'ci_level': 95}]
    """
    return [value for _, _, value in find_values(text)]


def effect_measures(text: str) -> list[dict]:
    """The ratio and difference measures among :func:`parse_values` (HR, OR, RR, MD, ...)."""
    return [value for value in parse_values(text) if value["kind"] in EFFECT_KINDS]


def scored_values(values: list[dict]) -> list[dict]:
    """The gold-format ``values`` of a record: point estimates only, without counts or p-values,
    each reduced to ``{"value", "unit", "approx"}``."""
    return [{"value": v["value"], "unit": v["unit"], "approx": v["approx"]} for v in values if v["kind"] in SCORED_KINDS]
