"""Records that state no result about a measured thing, dropped after the records are built.

Trial reports compare their arms' baseline ("the groups did not differ in demographic data") and
name classes of outcomes ("no difference in the secondary outcomes", "efficacy variables"): neither
is a result about something measured. An outcome phrase that opens with a conjunction or a
preposition ("and the middle tertiles", "of the immune parameters") is a fragment cut from a list,
not an outcome's name. A record that states no direction for an outcome that another record of
the same intervention and study gives a direction adds nothing to it. An outcome phrase made only of
words that name no measured thing ("scores", "the opposite pattern", "second postoperative nights")
is cut from its sentence.

Directions are read again from the record's sentence where it says more plainly than the cue the
record was built from: an affirmed significant difference is no "no difference", and a list of events
that did not occur states no difference for each item. :func:`reads_as_result` tells the record
builder which sentences outside a trial report's results still report its findings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons.vocabulary import word_groups, word_list, words
from .schema import EvidenceRecord
from .values import may_hold

BASELINE = re.compile(r"\b(?:demographics?|(?:baseline|patient|participant|clinical) characteristics|characteristics)\b")
OUTCOME_CLASS = re.compile(
    r"^(?:the )?(?:(?:primary|secondary|other|efficacy|safety|main)\s+)?"
    r"(?:outcomes?|outcome measures?|end ?points?|variables|measures|parameters)$")
WORD = re.compile(r"[a-z0-9]+")
FILLER = words("outcome_filler_words")
FRAGMENT_LEAD = re.compile(r"^(?:" + "|".join(word_list("fragment_leads")) + r")\s")
# A name cut off mid-phrase ("mean duration of", "limit of the") or a lone verb form ("performed",
# "observed"): read from a clause that the slot rules or the learned spans cut at the wrong word.
FRAGMENT_TAIL = re.compile(r"\s(?:" + "|".join(word_list("fragment_tails")) + r")$")
LONE_PARTICIPLE = re.compile(r"^[a-z]+ed$")
# A clause read as a name: a reporting or linking verb inside it ("recent data suggests", "follow-up seems to be
# rather modest"), a second change noun joined to it ("physical activity and a decrease"), or people as its head
# ("older people"), who are the population, not what was measured.
CLAUSE_IN_NAME = re.compile(r"\b(?:suggests?|seems?|appears?|reflected|indicates?|demonstrated|showed|shows|where|which|"
                            r"whom|whose|sample sizes?|may|might|should|would|could|must)\b|(?:^|\s)(?:passed|features)\s|"
                            r"\band an? (?:decrease|increase|reduction|improvement|rise|fall)\b")
PEOPLE_HEAD = re.compile(r"\b(?:" + "|".join(word_list("people_heads_ending_names")) + r")$")
# What marks a sentence as a report of a study's findings, whatever the role model says: a figure, a
# comparison of its groups, a test, or something stated as observed ("no adverse event was seen").
RESULT_MARKS = re.compile(
    r"\d|\b(?:groups?|arms?|between|either|both|significant(?:ly)?|CI)\b|"
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:observed|found|seen|noted|detected|recorded|reported)\b", re.I)


# Words that name no measured thing on their own: quantities and comparisons without their object
# ("scores", "the opposite pattern"), quantifiers of a class ("most other measures"), times ("second
# postoperative nights"), and people ("spouses"). An outcome made only of them is cut from its sentence.
GENERIC_WORDS = words("generic_outcome_words")
# A sentence that affirms differences ("significant differences were found between the groups in ...")
# and denies nothing states no absence of effect, whatever cue its outcome was read with.
AFFIRMED_DIFFERENCE = re.compile(r"\bsignificant(?:ly)? differ(?:ence|ences|ed)\b", re.I)
AFFIRMED_DIFFERENCE_LITERALS = ("significant",)  # in every match (see may_hold)
DENIAL = re.compile(r"\b(?:" + "|".join(word_list("denial_words")) + r")\b|n't\b|\bnon-", re.I)
# "No hypotension, bradycardia or vomiting was observed": an absence of events, stated for every item
# of the list alike, compared with nothing.
# The verbs are the vocabulary's absence_verbs that take the events as their subject, passive after
# was/were ("was observed") or intransitive ("occurred").
_ABSENCE_KINDS = word_groups("absence_verbs")
ABSENCE = re.compile(r"(?:^|[.;]\s+)\W*no\b[^.;:]*?\b(?:(?:was|were)\s+(?:\w+\s+)?(?:"
                     + "|".join(verb for verb, kind in _ABSENCE_KINDS.items() if kind == "passive") + ")|"
                     + "|".join(verb for verb, kind in _ABSENCE_KINDS.items() if kind == "intransitive") + r")\b", re.I)
COMPARED = re.compile(r"\b(?:" + "|".join(word_list("comparing_words")) + r")\b", re.I)
# A clause's verb closing an outcome phrase ("outcomes associated", "the syringe resulted"): a fragment.
VERB_TAIL = re.compile(r"\s(?:" + "|".join(word_list("verb_tails")) + r")$")
# People or sources referred to, not named ("relevant to them and others", "et al"), or statistics' "means": a piece of
# the clause around a name.
REFERENCE_IN_NAME = re.compile(r"\b(?:them|they|others|et al)\b|^means\b")


# A sentence comparing a trial's groups, and one reporting a change within them.
BETWEEN_GROUPS = re.compile(r"\b(?:than|compared|versus|vs\.?|between(?! (?:days?|weeks?|months?|hours?|visits?) )|relative to|ratio|superior|inferior|"
                            r"(?:higher|lower|greater|fewer|more|less|shorter|longer|better|worse) (?:\w+ ){0,6}(?:in|with|for) the)\b", re.I)
WITHIN_GROUPS = re.compile(r"\b(?:in both (?:groups|arms)|in all (?:groups|arms)|within(?:-| )groups?|in each (?:group|arm)|"
                           r"from baseline)\b", re.I)
# A change reported in every group alike ("improved in both groups", "Both groups lost weight", "regardless of
# group allocation").
EVERY_GROUP = re.compile(r"\b(?:(?:in|for|within) (?:both|all|all (?:the )?(?:two|three|four)|each of the) (?:study |treatment )?"
                         r"(?:groups|arms)|^both (?:the )?(?:groups|arms|treatments)|(?:in|for) (?:each|either) (?:group|arm)|"
                         r"(?:regardless|irrespective) of (?:group|treatment|the treatment|randomi[sz]ation|allocation))\b", re.I)
# Every match of EVERY_GROUP holds one of these (lower-cased): a plain-ASCII text without any cannot match it.
EVERY_GROUP_LITERALS = ("group", "arm", "treatments", "regardless", "irrespective")


def may_name_every_group(text: str) -> bool:
    """False only where EVERY_GROUP cannot match ``text`` or any part of it (a clause)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(word in lower for word in EVERY_GROUP_LITERALS)


DEGREE = re.compile(r"\b(?:" + "|".join(word_list("degree_words")) + r")\b", re.I)
CLAUSE_BREAK = re.compile(r";|,?\s+\b(?:" + "|".join(word_list("clause_break_words")) + r")\b", re.I)
# A sentence about the groups' state at baseline ("similar at baseline", "no differences in demographics, patient
# characteristics or X between the groups": X is listed with what the groups were at entry), and one about a change
# measured from it.
BASELINE_STATE = re.compile(r"\bat baseline\b|(?:^|\bthe\s+)baseline\s+(?!to\b)|"
                            r"\bbaseline (?:variables|characteristics|data)\b|\b(?:patients?'?|demographic) characteristics\b|"
                            r"\bdemographics?\b|\b(?:mean|median|average) age\b", re.I)
# Where a sentence runs on into the next (a split the sentence splitter missed): "... LDL-C 95 mg/dL. There was ...".
RUN_ON = re.compile(r"(?<=[a-z0-9)%][.!?])\s+(?=[A-Z])")
BASELINE_STATE_LITERALS = ("baseline", "characteristics", "demographic", " age")  # one in every match (see may_hold)
CHANGE_FROM_BASELINE = re.compile(r"\b(?:from|to|with|versus|vs\.?|over|since|relative to|above|below)\s+(?:the\s+)?baseline\b|"
                                  r"\bbaseline\s+to\b|\badjusted\b", re.I)


@lru_cache(maxsize=4096)
def is_result_outcome(outcome: str | None) -> bool:
    """Whether an outcome name (lower-cased) can be the measured thing of a result; read once per name (a
    text's records repeat their outcomes, and the same outcomes come back in other texts)."""
    name = (outcome or "").strip().lower()
    return bool(name) and not (BASELINE.search(name) or OUTCOME_CLASS.match(name) or FRAGMENT_LEAD.match(name)
                               or _words(name) <= GENERIC_WORDS or VERB_TAIL.search(name)
                               or FRAGMENT_TAIL.search(name) or LONE_PARTICIPLE.match(name)
                               or CLAUSE_IN_NAME.search(name) or PEOPLE_HEAD.search(name)
                               or REFERENCE_IN_NAME.search(name))


def reads_as_result(sentence: str) -> bool:
    """Whether a sentence reads as a report of a study's own findings (see RESULT_MARKS), so that where
    the role model calls it methods or background after the last results sentence it is still a result."""
    return RESULT_MARKS.search(sentence) is not None



def _sentence(record: EvidenceRecord, text: str) -> str:
    """The sentence a record was read from (its first evidence span), "" where it has none."""
    if not record.evidence:
        return ""
    start, end = record.evidence[0]
    return text[start:end]

def _clause_naming(sentence: str, outcome: str | None) -> str:
    """The clause of a sentence (split at ";" and "but", "whereas", ...) that names the outcome's first word, else
    the whole sentence."""
    first = (outcome or "").lower().split()[:1]
    clauses = CLAUSE_BREAK.split(sentence)
    return next((c for c in clauses if first and first[0] in c.lower()), sentence) if len(clauses) > 1 else sentence


def directions_as_stated(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """A record read as "no difference" from a sentence that affirms a significant difference and denies
    nothing (see AFFIRMED_DIFFERENCE) gets no direction: which way the difference goes is not said. A record
    read as a change from a sentence that only states an absence of events (see ABSENCE) states no difference,
    as the other items of its list do; so does one read from a clause that reports the change in every group
    alike (see EVERY_GROUP), in a sentence that compares none ("..., but more decrease was seen with X")."""
    absences: dict[str, list[tuple[str, bool]]] = {}  # each sentence's ABSENCE clauses, read once
    for record in records:
        if record.direction == "no_difference" and record.evidence:
            sentence = _sentence(record, text)
            if may_hold(sentence, AFFIRMED_DIFFERENCE_LITERALS) and AFFIRMED_DIFFERENCE.search(sentence) \
                    and not DENIAL.search(sentence):
                record.direction = None
        if record.direction in ("decrease", "increase", "improve", "worsen") and record.evidence:
            sentence = _sentence(record, text)
            # a clause holds no word the sentence lacks: a sentence without any of EVERY_GROUP's words is not split
            if may_name_every_group(sentence) and EVERY_GROUP.search(_clause_naming(sentence, record.outcome)) \
                    and not BETWEEN_GROUPS.search(sentence) \
                    and not DEGREE.search(sentence):
                record.direction = "no_difference"  # "pain improved in both groups": no arm did better
                continue
        if record.direction in ("decrease", "increase") and record.evidence:
            sentence = _sentence(record, text)
            clauses = absences.get(sentence)
            if clauses is None:  # (lower-cased clause, whether it compares)
                clauses = absences[sentence] = [(clause.group().lower(), bool(COMPARED.search(clause.group())))
                                                for clause in ABSENCE.finditer(sentence)]
            if any((record.outcome or "?").lower() in clause and not compared for clause, compared in clauses):
                record.direction = "no_difference"
    return records


def drop_non_results(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """The records whose outcome names a measured thing (see the module docstring), less those that
    state no direction for a result another record of the same intervention and study states with one."""
    kept = [r for r in records if is_result_outcome(r.outcome)]
    return [r for r in kept if r.direction is not None or not any(
        other.direction is not None and other.intervention == r.intervention and _same_study(other, r)
        and _same_outcome(other.outcome, r.outcome) for other in kept)]


def _same_study(a: EvidenceRecord, b: EvidenceRecord) -> bool:
    """Whether two records come from one study as far as the text tells (a review cites several)."""
    return a.refs == b.refs and a.cohort_size == b.cohort_size and a.design == b.design


@lru_cache(maxsize=4096)
def _words(text: str | None) -> frozenset[str]:
    """The content words of an outcome name, read once per name (the filters compare every pair of records)."""
    return frozenset(WORD.findall((text or "").lower())) - FILLER


def _same_outcome(a: str | None, b: str | None) -> bool:
    """Whether one outcome name's content words hold all of the other's ("pain", "pain scores")."""
    first, second = _words(a), _words(b)
    return bool(first and second) and (first <= second or second <= first)


def one_per_pair(records: list[EvidenceRecord], text: str | None = None) -> list[EvidenceRecord]:
    """One record per (intervention, outcome) and study, as far as the text lets us tell: where a text
    states a result for a pair more than once with different directions (a change within each group,
    then the comparison between them; a summary in the title, then the result), an earlier statement is
    dropped unless its sentence compares the groups (see :func:`_compares`), for two comparisons of one
    named outcome are often two measures of it ("pain relief" and "time to pain relief"). ``text``: the
    text the records' evidence offsets point into; without it, only the last statement is kept."""
    kept: list[EvidenceRecord] = []
    for record in reversed(records):
        later = [other for other in kept if other.intervention == record.intervention
                 and other.outcome == record.outcome and _same_study(other, record)]
        if later and (text is None or not _compares(record, text)):
            continue
        kept.append(record)
    return _one_wording_per_claim(kept[::-1])


# "improve" / "worsen" and the amount it changed by state one claim in two wordings.
WORDINGS = {"improve": {"increase", "decrease"}, "worsen": {"increase", "decrease"}}


def _one_wording_per_claim(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """A pair stated once as a change of amount ("BMR increased") and once as getting better or worse ("BMR
    improved") in the same study is one claim: the amount's record stays, with the other's evidence."""
    kept = []
    for record in records:
        amount = next((other for other in records if other is not record
                       and other.direction in WORDINGS.get(record.direction or "", ())
                       and other.intervention == record.intervention and other.outcome == record.outcome
                       and _same_study(other, record)), None)
        if amount is None:
            kept.append(record)
            continue
        amount.evidence.extend(e for e in record.evidence if e not in amount.evidence)
    return kept


def _compares(record: EvidenceRecord, text: str) -> bool:
    """Whether the record's sentence compares the groups ("lower than", "versus", "between the groups")
    and says nothing of a change within them ("in both groups", "from baseline")."""
    if not record.evidence:
        return False
    sentence = _sentence(record, text)
    return bool(BETWEEN_GROUPS.search(sentence)) and not WITHIN_GROUPS.search(sentence)


# A sentence that defines an outcome or sets the protocol ("a 15% fall in FEV1 defined a positive test",
# "sedation was titrated to maintain a score of 3", "the main outcome measures were ...", "the programme consisted of
# ...", "the group also received X, including a reduction of Y") states no result, unless it also reports a test or
# a comparison of the groups.
DEFINITION = re.compile(r"\b(?:defined|titrated|to maintain|outcome measures? (?:was|were|included)|"
                        r"groups? (?:also )?received [^.;]*?\bincluding|"
                        r"(?:end ?points?|outcomes?|measures|intervention|programme|program) (?:comprised|consisted of)|"
                        r"(?:primary|secondary|main) (?:outcomes?|end ?points?) (?:was|were|included) (?:an?|the)\b|"
                        r"(?:was|were) (?:measured|assessed|recorded|done|performed|carried out) (?:at|before|by|using|with|every|"
                        r"daily))\b", re.I)
# Every DEFINITION match holds one of these, in any case (see may_hold)
DEFINITION_LITERALS = ("defined", "titrated", "to maintain", "outcome", "end", "measured", "assessed", "recorded",
                       "received", "comprised", "consisted", "done", "performed", "carried out")
REPORTED_TEST = re.compile(r"\b[pP]\s*[<=>≤≥]|signific|95\s*%|\bCI\b")


# The trial's power ("was powered to detect a 5% difference in X between the arms", "the sample size was calculated
# to detect ..."): the difference it was designed to find, not one it found, where no p-value is reported.
POWER = re.compile(r"\b(?:powered|power calculation)\b|\bsample size\b[^.;]*?\b(?:calculated|estimated|needed|required)\b|"
                   r"\bto detect an? (?:\w+ ){0,3}(?:difference|reduction|increase)\b", re.I)
POWER_LITERALS = ("power", "sample size", "to detect")  # one in every POWER match (see may_hold)
P_VALUE = re.compile(r"\b[pP]\s*[<=>≤≥]")


def drop_definitions(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """The records less those read from a sentence that defines an outcome or sets the protocol (see
    DEFINITION) and neither reports a test nor compares the groups, or that states the trial's power (see POWER)
    and reports no p-value."""
    kept = []
    for record in records:
        if record.evidence and len(record.evidence) == 1:
            sentence = _sentence(record, text)
            if may_hold(sentence, DEFINITION_LITERALS) and DEFINITION.search(sentence) \
                    and not REPORTED_TEST.search(sentence) \
                    and not BETWEEN_GROUPS.search(sentence):
                continue
            if may_hold(sentence, POWER_LITERALS) and POWER.search(sentence) and not P_VALUE.search(sentence):
                continue
        kept.append(record)
    return kept


# A call for more research ("further studies are needed to ..."): what is not yet known.
FUTURE_WORK = re.compile(r"\b(?:further|future|more|larger|additional)\s+(?:[\w-]+\s+){0,3}(?:studies|research|trials|"
                         r"investigations?|evaluation|work|refinement|development|validation)\b[^.;]*?"
                         r"\b(?:are|is|be)\s+(?:\w+\s+)?(?:needed|required|warranted|necessary)\b", re.I)
# One in every FUTURE_WORK match (see may_hold); a clause holds no word its sentence lacks.
FUTURE_WORK_LITERALS = ("needed", "required", "warranted", "necessary")


# What is known or not known before the study ("the effectiveness of X in reducing Y is well established", "data on the
# effects of X on Y are very limited", "little is known about ..."): the background a study starts from, not its finding.
DIGIT = re.compile(r"\d")
KNOWLEDGE_STATE = re.compile(r"\b(?:(?:is|are|has been|have been) (?:well |widely |generally )?(?:established|recognized|recognised|"
                             r"documented)|(?:is|are|remains?) (?:very |still |largely |often )?(?:limited|lacking|scarce|sparse|"
                             r"unknown|unclear|controversial|inconclusive|conflicting)|little is known|(?:is|are) not (?:well |yet |fully )?"
                             r"(?:known|understood|established))\b", re.I)


def drop_future_work(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """The records less those read from a clause that calls for more research (see FUTURE_WORK) in a sentence that
    reports no test ("X shows promise in improving Y, however further studies are needed": Y stays), or from a
    clause that tells what was known before the study (see KNOWLEDGE_STATE) in a sentence without a figure: one with
    a figure or a numbered citation ("data are sparse, and a cohort study of 670,097 children suggested ... (45)")
    reports others' work, which a review's records keep."""
    return [r for r in records if not r.evidence
            or not _unknown_or_known(_clause_naming(sentence := _sentence(r, text), r.outcome), sentence)
            or REPORTED_TEST.search(sentence)]


def _unknown_or_known(clause: str, sentence: str) -> bool:
    return bool(may_hold(sentence, FUTURE_WORK_LITERALS) and FUTURE_WORK.search(clause)
                or KNOWLEDGE_STATE.search(clause) and not DIGIT.search(sentence))


def _part_naming(sentence: str, outcome: str | None) -> str:
    """The part of a run-on sentence (see RUN_ON) that names the outcome's first word, else the whole sentence."""
    parts = RUN_ON.split(sentence)
    if len(parts) == 1:
        return sentence
    first = (outcome or "").lower().split()[:1]
    return next((part for part in parts if first and first[0] in part.lower()), sentence)


def drop_baseline_comparisons(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """The records that state no difference from a sentence comparing the groups at baseline ("the groups
    were similar at baseline", "baseline scores were comparable", "no difference in mean age, parity and X"): who
    was enrolled, not a result. In a run-on sentence, the part that names the outcome is read."""
    kept = []
    for record in records:
        if record.direction == "no_difference" and record.evidence:
            sentence = _part_naming(_sentence(record, text), record.outcome)
            if may_hold(sentence, BASELINE_STATE_LITERALS) and BASELINE_STATE.search(sentence) \
                    and not CHANGE_FROM_BASELINE.search(sentence):
                continue
        kept.append(record)
    return kept


# A correlation between two measures ("X levels correlated with Y", "r = 0.45"): no arm's effect, where the sentence
# names no group of the trial ("in the placebo group", "between the arms") and not the record's intervention.
CORRELATION = re.compile(r"\bcorrelat(?:ed|es|ion|ions|ing)\b|\br[s]?\s*=\s*[-\u2212]?0?[.\u00b7]\d", re.I)
CORRELATION_LITERALS = ("correlat",)  # in every match of the first alternative; the second holds "="
NAMES_GROUP = re.compile(r"\b(?:groups?|arms?|placebo|controls?|versus|vs)\b", re.I)


def drop_correlations(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """The records less those read from a sentence that correlates measures (see CORRELATION) and names neither a
    group of the trial nor the record's intervention: how two things measured vary together, not what an arm did."""
    kept = []
    for record in records:
        if record.evidence:
            sentence = _sentence(record, text)
            if ("=" in sentence or may_hold(sentence, CORRELATION_LITERALS)) and CORRELATION.search(sentence) \
                    and not NAMES_GROUP.search(sentence) \
                    and not _names_intervention(sentence, record.intervention):
                continue
        kept.append(record)
    return kept


# A tally of the events seen most often ("the most frequent adverse events were headache (27%) and nausea (11%)"): how
# often each occurred in the sample, no arm's effect, where the sentence compares nothing and names no group of the trial.
MOST_FREQUENT = re.compile(r"\bmost (?:common|commonly|frequent|frequently|often)\b", re.I)


def drop_event_tallies(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """The records less those read from a tally of the most frequent events (see MOST_FREQUENT) that compares nothing
    (see COMPARED) and names neither a group of the trial nor the record's intervention."""
    kept = []
    for record in records:
        if record.evidence:
            sentence = _sentence(record, text)
            if MOST_FREQUENT.search(sentence) and not COMPARED.search(sentence) and not NAMES_GROUP.search(sentence) \
                    and not _names_intervention(sentence, record.intervention):
                continue
        kept.append(record)
    return kept


def _names_intervention(sentence: str, intervention: str | None) -> bool:
    """Whether a word of the intervention's name (three letters or more) stands in the sentence."""
    named = {word for word in WORD.findall((intervention or "").lower()) if len(word) > 2}
    return bool(named & set(WORD.findall(sentence.lower())))


def drop_wordier_outcomes(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """The records less those whose outcome name holds every word of another record's outcome and more
    ("clinical malaria" beside "malaria", "pain and its interference" beside "pain"), for the same
    intervention, direction and study: the wordier name restates the same result with modifiers or a
    list around it, which a curator's canonical name leaves out. A composite joined by "or" ("cardiovascular
    death or heart failure hospitalization") is an outcome of its own beside its components (ANNOTATION.md)."""
    names = [_words(record.outcome) for record in records]
    return [r for r, name in zip(records, names) if " or " in r.outcome or not any(
        other is not r and other.intervention == r.intervention and other.direction == r.direction
        and _same_study(other, r) and other_name and other_name < name
        for other, other_name in zip(records, names))]
