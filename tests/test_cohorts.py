"""COHORT_SIZE tagging, the kind of each mention and the one cohort size a sentence states (texts written for the test)."""

import pytest

from extractor.components.cohorts import cohort_kinds, cohort_of_spans, sentence_cohort


def cohorts(pipeline, text):
    doc = pipeline.nlp(text)
    return [e for e in doc.ents if e.label_ == "COHORT_SIZE"], doc


def cohort_texts(pipeline, text):
    return [(e.text, e.start_char, e.end_char) for e in cohorts(pipeline, text)[0]]


@pytest.mark.parametrize("text, span", [
    ("Adults with gout (n=620) were followed for a year.", "n=620"),
    ("Participants (N=43) completed the survey.", "N=43"),
    ("The registry (N = 1,204) was linked to prescriptions.", "N = 1,204"),
    ("A cohort (n:120) was studied.", "n:120"),
    ("Seventeen patients with burns were enrolled.", "Seventeen patients"),
    ("Seventeen consecutive patients were enrolled.", "Seventeen consecutive patients"),
    ("Twenty-four patients were enrolled.", "Twenty-four patients"),
    ("One hundred and twelve patients were included.", "One hundred and twelve patients"),
    ("In total, ninety children took part.", "ninety children"),
    ("Among 12,400 Medicare beneficiaries, falls were common.", "12,400 Medicare beneficiaries"),
    ("We surveyed 310 nurses in four hospitals.", "310 nurses"),
    ("Of 2,040 screened, 640 were eligible and 612 were randomized.", "612"),
])
def test_cohort_sizes_tagged_with_exact_offsets(pipeline, text, span):
    found = cohort_texts(pipeline, text)
    start = text.index(span)
    assert (span, start, start + len(span)) in found


def test_each_arm_and_the_total_are_tagged(pipeline):
    text = "Adults were allocated to exercise (n=80) and usual care (n=79) groups (N=159)."
    assert [t for t, _, _ in cohort_texts(pipeline, text)] == ["n=80", "n=79", "N=159"]


@pytest.mark.parametrize("text, expected", [
    ("Fever occurred in 8/34 patients.", []),
    ("Nausea occurred in 12 patients (35%).", []),
    ("Rash was common (n = 12, 35%).", []),
    ("A total of 18 clinical trials were identified.", []),
    ("Patients aged 65 years received 10 mg daily for 12 weeks.", []),
    ("Of 120 patients, 8 had fever and 12 developed rash.", ["120 patients"]),
    ("Of 2,040 screened, 640 were eligible and 28 were lost to follow-up.", []),
    ("No differences were found between the two regarding patients' comfort.", []),
])
def test_event_counts_proportions_and_other_counts_are_not_cohorts(pipeline, text, expected):
    assert [t for t, _, _ in cohort_texts(pipeline, text)] == expected


def test_make_up_of_a_cohort_is_not_another_cohort(pipeline):
    assert [t for t, _, _ in cohort_texts(pipeline, "We studied 120 patients (65 men and 55 women).")] == ["120 patients"]
    assert [t for t, _, _ in cohort_texts(pipeline, "We randomized 400 men and 350 women.")] == ["400 men", "350 women"]


def test_cohort_with_a_percentage_of_its_make_up_is_kept(pipeline):
    assert [t for t, _, _ in cohort_texts(pipeline, "We enrolled 120 patients (55% women).")] == ["120 patients"]


def test_cohort_values_of_new_forms(pipeline):
    from extractor.mentions import normalize_span

    found, _ = cohorts(pipeline, "Seventeen consecutive patients (n=17; N=1,204 screened) were enrolled.")
    assert [normalize_span(e)["value"] for e in found] == [17, 17, 1204]


@pytest.mark.parametrize("text, kinds, size", [
    ("Adults were allocated to exercise (n = 80) and usual care (n = 79) groups (N = 159).", ["arm", "arm", "total"], 159),
    ("Adults were allocated to exercise (n=80) or usual care (n=79).", ["arm", "arm"], 159),
    ("A total of 620 patients were assigned to drug (n = 310) or placebo (n = 310).", ["total", "arm", "arm"], 620),
    ("Overall, 1,150 patients were assigned to the drug and 1,162 patients to usual care.", ["arm", "arm"], 2312),
    ("The study compared 812 cases and 2,436 controls.", ["arm", "arm"], 3248),
    ("A trial in 624 patients and a meta-analysis including 6,756 patients agreed.", ["count", "count"], 6756),
    ("Of 1,000 patients enrolled, 400 patients received the drug.", ["count", "arm"], 1000),
    ("In all, 612 adults (n=306 per arm) were enrolled.", ["count", "arm"], 612),
    ("Children were enrolled (n = 45 in each group).", ["arm"], 45),
])
def test_sentence_cohort_from_the_pipeline(pipeline, text, kinds, size):
    found, _ = cohorts(pipeline, text)
    assert cohort_kinds(found) == kinds
    assert cohort_of_spans(found) == size


@pytest.mark.parametrize("items, size", [
    ([(80, "arm"), (79, "arm"), (159, "total")], 159),
    ([(80, "arm"), (79, "arm")], 159),
    ([(620, "arm"), (310, "arm"), (310, "arm")], 620),
    ([(620, "count"), (310, "arm"), (310, "arm")], 620),
    ([(624, "count"), (6756, "count")], 6756),
    ([(1000, "count"), (400, "arm")], 1000),
    ([(400, "arm")], 400),
    ([(300, "total"), (80, "arm"), (500, "total")], 500),
    ([(None, "count"), (45, "count")], 45),
    ([], None),
])
def test_sentence_cohort_rules(items, size):
    assert sentence_cohort(items) == size


@pytest.mark.parametrize("text", [
    "Adults (n = 620, N=43, n:120, n =5) and forty-two patients; one hundred and twelve patients were given placebo.",
    "Of 1 2 3 4 5 6 7 8 9 10 11 12 13 patients, whereas 95 had fever and 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 women.",
    "Doses of 12 and 40 mg were given on days 1 2 3; 1,548 surgical adult patients and twenty-four adult - male patients.",
    "n", "12", "patients 12", "12 patients", "Then 1 2 3 4 5 6 7 8 9 10 11 adult surgical patients and 9 adult - male women.",
])
def test_cohort_matching_by_regions_finds_what_the_whole_doc_does(pipeline, text):
    from extractor.components.cohorts import find_matches

    matcher = pipeline.nlp.get_pipe("cohort_matcher").matcher
    doc = pipeline.nlp.make_doc(text)
    assert sorted(find_matches(matcher, doc)) == sorted(matcher(doc))


def test_cohort_matching_by_regions_on_random_word_sequences(pipeline):
    import random

    from spacy.tokens import Doc

    from extractor.components.cohorts import find_matches

    matcher = pipeline.nlp.get_pipe("cohort_matcher").matcher
    vocabulary = ["12", "1,548", "3.5", "ten", "twenty-four", "hundred", "one", "and", "n", "=", ":", "n=43", "=5",
                  "adult", "surgical", "-", "of", "patients", "women", "had", "were", "days", "/", "(", "%"]
    generator = random.Random(11)
    for _ in range(1500):
        words = [generator.choice(vocabulary) for _ in range(generator.randint(1, 40))]
        doc = Doc(pipeline.nlp.vocab, words=words)
        assert sorted(find_matches(matcher, doc)) == sorted(matcher(doc)), words


def test_a_population_counted_in_millions_is_no_cohort(pipeline):
    result = pipeline.extract("Obesity affects more than 650 million adults worldwide; a trial of 338 adults tested orlistat.")
    assert [(m.text, m.norm["value"]) for m in result.entities if m.label == "COHORT_SIZE"] == [("338 adults", 338)]


@pytest.mark.parametrize("text, expected", [
    ("In a double-blind trial of 2,256 community-dwelling women aged 70 years, the vitamin lowered falls.",
     ["2,256 community-dwelling women"]),
    ("In 1,000 adults, kidney failure or death occurred in 31 and 35 patients, respectively.", ["1,000 adults"]),
    ("Up to one in five patients has an episode of limb ischaemia after 900 patients were treated.", ["900 patients"]),
    ("Four hundred and seventy-two patients underwent randomisation: 238 to oral azacitidine and 234 to placebo.",
     ["Four hundred and seventy-two patients", "238", "234"]),
    ("A total of 33,218 participants underwent randomization (16,581 in the high-dose group and 16,637 in the "
     "standard-dose group).", ["33,218 participants", "16,581", "16,637"]),
])
def test_hyphenated_heads_event_counts_proportions_and_allocated_arms(pipeline, text, expected):
    assert [text for text, _, _ in cohort_texts(pipeline, text)] == expected


@pytest.mark.parametrize("text, cohorts", [
    ("The drug might improve success. Forty-two infants born early were randomized.", ["Forty-two infants"]),
    ("It did not shorten oxygen therapy (7). Seventeen infants in a pilot study received it.", ["Seventeen infants"]),
    ("The dose was 0.5 mg. 120 patients were enrolled.", ["120 patients"]),
    ("Admissions did not differ. One child given phenytoin had hypotension.", []),
    ("One hundred patients were enrolled.", ["One hundred patients"]),
])
def test_a_count_opening_a_later_sentence_is_a_cohort_but_one_person_is_not(pipeline, text, cohorts):
    assert [e.text for e in pipeline.nlp(text).ents if e.label_ == "COHORT_SIZE"] == cohorts


@pytest.mark.parametrize("text, cohorts", [
    ("Two trials enrolling 5,760 and 1,218 patients showed benefit.", ["5,760", "1,218 patients"]),
    ("The rash occurred in 31 and 35 patients, respectively.", []),
    ("Between 2010 and 2015, 4,000 patients were enrolled.", ["4,000 patients"]),
])
def test_a_bare_count_paired_with_a_cohort_counts_the_same_people(pipeline, text, cohorts):
    assert [e.text for e in pipeline.nlp(text).ents if e.label_ == "COHORT_SIZE"] == cohorts
