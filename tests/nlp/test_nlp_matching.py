"""Cold-start matching: lemmas, phrases, compounds and spelling variants reach their codes."""

from __future__ import annotations

import pytest

from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile, KeywordEvidence
from qualcoder_vs.nlp.pipeline import load_pipeline

PROFILES = [
    CodeProfile(
        "visie", "Visie", keywords=("inclusiebeleid", "beleidsvisie", "waar staan we voor")
    ),
    CodeProfile("stages", "Stages", keywords=("stage", "stagiair", "werkervaring")),
    CodeProfile(
        "poortwachters", "Selectie", keywords=("selectiegesprek", "taaltest", "cv-screening")
    ),
    CodeProfile("daily_grind", "Werkdruk", keywords=("brandjes blussen", "waan van de dag")),
    CodeProfile("ambtenaar", "Diversiteitsambtenaar", keywords=("diversiteitscoördinator",)),
]


@pytest.fixture(scope="module")
def matcher() -> CodebookMatcher:
    return CodebookMatcher(load_pipeline("nl"), PROFILES)


def hits(matcher: CodebookMatcher, text: str) -> dict[str, KeywordEvidence]:
    doc = matcher.nlp(text)
    return matcher.keywords(doc, matcher.featurizer.terms(doc))


def test_keywords_match_on_lemmas(matcher: CodebookMatcher) -> None:
    found = hits(matcher, "Onze stagiairs lopen een week mee.")
    assert set(found) == {"stages"}
    assert found["stages"].strength == 1.0
    assert found["stages"].evidence == ("matched: stagiair in 'stagiairs'",)


def test_phrases_match_with_a_few_words_between(matcher: CodebookMatcher) -> None:
    found = hits(matcher, "We zijn de hele tijd brandjes aan het blussen.")
    assert found["daily_grind"].evidence == (
        "matched: brandjes blussen in 'brandjes aan het blussen'",
    )
    assert hits(matcher, "In de waan van de dag verdwijnt het.")["daily_grind"].strength == 1.0


@pytest.mark.parametrize(
    ("text", "code", "evidence"),
    [
        ("Na de selectiegesprekken bleef niemand over.", "poortwachters",
         "matched: selectiegesprek in 'selectiegesprekken'"),
        ("De stageplekken raken niet ingevuld.", "stages", "matched: stage in 'stageplekken'"),
        ("Er is geen diversiteitsbeleid.", "visie",
         "compound: 'diversiteitsbeleid' shares 'beleid' with 'inclusiebeleid'"),
        ("Ze hebben werkervaringsplaatsen.", "stages",
         "matched: werkervaring in 'werkervaringsplaatsen'"),
    ],
)  # fmt: skip
def test_compounds_reach_the_codes_whose_keywords_they_contain(
    matcher: CodebookMatcher, text: str, code: str, evidence: str
) -> None:
    found = hits(matcher, text)
    assert evidence in found[code].evidence


def test_a_shared_head_is_weaker_evidence_than_the_keyword_itself(matcher: CodebookMatcher) -> None:
    assert hits(matcher, "Er is geen diversiteitsbeleid.")["visie"].strength < 0.5
    assert hits(matcher, "Er is geen inclusiebeleid.")["visie"].strength == 1.0


@pytest.mark.parametrize(
    ("text", "code", "keyword"),
    [
        ("Onze stagiar bleef.", "stages", "stagiair"),
        ("De diversiteitscoordinator zit alleen.", "ambtenaar", "diversiteitscoördinator"),
    ],
)
def test_spelling_variants_match_fuzzily(
    matcher: CodebookMatcher, text: str, code: str, keyword: str
) -> None:
    found = hits(matcher, text)
    assert code in found
    assert any(keyword in e for e in found[code].evidence)
    assert 0.5 < found[code].strength < 1.0


@pytest.mark.parametrize("spelling", ["cv screening", "cvscreening", "CV-screening"])
def test_hyphenated_keywords_match_however_the_hyphen_is_written(
    matcher: CodebookMatcher, spelling: str
) -> None:
    found = hits(matcher, f"Bij de {spelling} viel ze af.")
    assert found["poortwachters"].strength == 1.0


def test_unrelated_text_matches_nothing(matcher: CodebookMatcher) -> None:
    assert hits(matcher, "Het weer was goed en de koffie was warm.") == {}
