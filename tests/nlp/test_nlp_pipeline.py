"""The blank pipeline: lookup lemmas, compound lemmas, sentences, and both languages."""

from __future__ import annotations

import pytest

from qualcoder_vs.nlp.pipeline import NlpError, decompounder, load_pipeline


def test_dutch_lemmas_include_unknown_compounds() -> None:
    nlp = load_pipeline("nl")
    doc = nlp("De stagiairs hadden selectiegesprekken in de personeelsdiensten.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["stagiairs"] == "stagiair"
    assert lemmas["selectiegesprekken"] == "selectiegesprek"
    assert lemmas["personeelsdiensten"] == "personeelsdienst"


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("diversiteitsbeleid", ("diversiteit", "beleid")),
        ("selectiegesprekken", ("selectie", "gesprek")),
        ("hogeschoolstudenten", ("hogeschool", "student")),
        ("cv-screening", ("cv", "screening")),
        ("bevoegdheid", ()),
    ],
)
def test_compounds_split_into_lemmatised_parts(word: str, parts: tuple[str, ...]) -> None:
    assert decompounder(load_pipeline("nl")).word(word).parts == parts


def test_sentences_and_the_pipeline_is_built_once() -> None:
    nlp = load_pipeline("nl")
    assert load_pipeline("nl") is nlp
    assert [s.text for s in nlp("Dat is één zin. En dit een tweede!").sents] == [
        "Dat is één zin.",
        "En dit een tweede!",
    ]


def test_english_works_too() -> None:
    doc = load_pipeline("en")("The interviewers were asking about hiring policies.")
    assert [t.lemma_ for t in doc][1:5] == ["interviewer", "be", "ask", "about"]


def test_a_language_without_lemma_table_is_a_clear_error() -> None:
    with pytest.raises(NlpError, match="no lemma table for 'zu'"):
        load_pipeline("zu")
