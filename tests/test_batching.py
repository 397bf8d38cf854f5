"""The rule components run batch by batch in ``nlp.pipe`` (components/batching.py), with the same results."""

import pytest

from extractor.components.batching import BatchedPipe

TEXTS = [
    "Aspirin reduced the rate of stroke compared with placebo in 410 patients (p = 0.02).",
    "Nausea was more frequent with metformin than with sitagliptin (12% vs 5%).",
    "",
    "In a randomized trial of 96 adults, vitamin D did not change fracture risk.",
    "Serum ALT rose in the ezetimibe group; HbA1c was unchanged.",
]


def test_every_rule_component_runs_by_batch(pipeline):
    for name, component in pipeline.nlp.pipeline:
        assert hasattr(component, "pipe"), name


def test_pipe_gives_what_each_text_gives_alone(pipeline):
    alone = [pipeline.extract(text).to_dict() for text in TEXTS]
    for batch_size in (1, 2, 64):
        assert [result.to_dict() for result in pipeline.pipe(TEXTS, batch_size=batch_size)] == alone


class Halves(BatchedPipe):
    """Keeps docs of even length; fails on the others."""

    name = "halves"

    def __call__(self, doc):
        if len(doc) % 2:
            raise ValueError(doc.text)
        return doc


def test_a_failing_doc_goes_to_the_error_handler(pipeline):
    docs = [pipeline.nlp.make_doc(text) for text in ("one two", "one two three", "one two three four")]
    failed = []
    component = Halves()
    component.set_error_handler(lambda name, proc, batch, error: failed.append((name, batch[0].text)))
    kept = list(component.pipe(docs, batch_size=2))
    assert [doc.text for doc in kept] == ["one two", "one two three four"]
    assert failed == [("halves", "one two three")]


def test_without_a_handler_the_error_is_raised(pipeline):
    with pytest.raises(ValueError):
        list(Halves().pipe([pipeline.nlp.make_doc("one two three")]))
