"""The engine: units of a source, thresholds, evidence and the Suggester contract."""

from __future__ import annotations

from pathlib import Path

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn
from qualcoder_vs.nlp.interface import PassageSuggester, Suggester, Suggestion
from qualcoder_vs.nlp.passages import Passage
from qualcoder_vs.nlp.suggester import (
    build_engine,
    selection,
    source_units,
    suggester_for,
    turn,
)


def codes(suggestions: list[Suggestion]) -> list[str]:
    return [s.code for s in suggestions]


def test_one_list_per_respondent_turn_and_interviewers_left_out(uncoded_project: Project) -> None:
    units = source_units(uncoded_project, "gent")
    assert [u.turn for u in units] == [1, 3, 5, 7, 9]
    text = uncoded_project.queries.source("gent").text
    for unit in units:
        assert text[unit.start : unit.end] == unit.text
    assert units[2].context == "Hoe zit het met de stages?"
    engine = build_engine(uncoded_project)
    found = [codes(s) for s in engine.suggest_many(units)]
    assert found == [[], ["visie"], ["stages"], ["poortwachters"], ["daily_grind"]]


def test_suggestions_carry_evidence_and_scores_in_order(uncoded_project: Project) -> None:
    engine = build_engine(uncoded_project)
    suggestions = engine.suggest_passage(turn(uncoded_project, "gent", 7))
    assert suggestions[0].code == "poortwachters"
    assert 0.5 <= suggestions[0].score <= 1.0
    evidence = suggestions[0].evidence
    assert "matched: taaltest" in evidence
    assert "matched: selectiegesprek" in evidence
    scores = [s.score for s in engine.suggest_passage(turn(uncoded_project, "gent", 7), top=5)]
    assert scores == sorted(scores, reverse=True)


def test_small_talk_gets_no_suggestion(uncoded_project: Project) -> None:
    engine: Suggester = build_engine(uncoded_project)
    assert engine.suggest("Ja hoor, dat is goed. Zet hem maar aan.") == []
    assert engine.suggest("") == []


def test_top_limits_the_list_and_the_threshold_filters_it(uncoded_project: Project) -> None:
    engine = build_engine(uncoded_project)
    text = "De taaltest, de stagiairs, het budget en de werkdruk: alles loopt mis."
    engine.threshold = 0.0
    assert len(engine.suggest(text, top=5)) == 5
    assert len(engine.suggest(text, top=1)) == 1
    scores = [s.score for s in engine.suggest(text, top=5)]
    engine.threshold = (scores[1] + scores[2]) / 2
    assert len(engine.suggest(text, top=5)) == 2
    engine.threshold = 1.0 + 1e-9
    assert engine.suggest(text, top=5) == []


def test_sentences_are_units_with_their_turn_and_offsets(uncoded_project: Project) -> None:
    sentences = source_units(uncoded_project, "gent", "sentence")
    text = uncoded_project.queries.source("gent").text
    assert [s.text for s in sentences if s.turn == 3] == [
        "Er is geen uitgeschreven visietekst.",
        "Het staat vaag in het meerjarenplan.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_selection_takes_the_question_of_its_turn(uncoded_project: Project) -> None:
    start, end = uncoded_project.queries.locate_quote("aalst", "geen budget")
    passage = selection(uncoded_project, "aalst", start, end)
    assert passage.context == "Zijn er middelen voor het diversiteitsbeleid?"
    assert passage.turn == 3


def test_the_engine_is_reused_until_the_project_changes(nl_project: Project) -> None:
    first = suggester_for(nl_project)
    assert suggester_for(nl_project) is first
    nl_project.codebook.load(nl_project.queries.codebook(), coder="tester")
    assert suggester_for(nl_project) is first
    book = nl_project.queries.codebook()
    book.entries = [e for e in book.entries if e.key != "daily_grind"]
    nl_project.codebook.load(book, coder="tester", force=True)
    second = suggester_for(nl_project)
    assert second is not first
    assert "daily_grind" not in second.scorer.codes


def test_suggest_at_reads_the_question_that_free_text_lacks(uncoded_project: Project) -> None:
    engine: PassageSuggester = suggester_for(uncoded_project)
    start, end = uncoded_project.queries.locate_quote(
        "aalst", "De stageplaatsen zijn er, maar stagiairs stromen niet door"
    )
    passage = selection(uncoded_project, "aalst", start, end)
    assert passage.context == "Hoe lopen de stages?"
    with_question = engine.rank_many([passage])[0]
    bare = engine.rank_many([Passage(passage.text)])[0]
    assert with_question[0].code == bare[0].code == "stages"
    assert with_question[0].score > bare[0].score
    assert codes(engine.suggest_at("aalst", start, end)) == ["stages"]


def test_only_an_engine_with_suggest_at_is_a_passage_suggester(uncoded_project: Project) -> None:
    class TextOnly:
        def suggest(self, text: str, *, top: int = 5) -> list[Suggestion]:
            return []

    engine = suggester_for(uncoded_project)
    assert isinstance(engine, PassageSuggester)
    assert isinstance(TextOnly(), Suggester)
    assert not isinstance(TextOnly(), PassageSuggester)


ENGLISH_CODEBOOK = """\
name: Small
language: en
themes:
  - id: work
    label: Work
    codes:
      - id: hiring
        label: Hiring and selection
        keywords: [job interview, selection procedure, language test]
        examples: ["The language test screens out people who could do the job."]
      - id: workload
        label: Workload
        keywords: [workload, understaffing, firefighting]
        examples: ["We are always firefighting, there is no time for anything else."]
"""


def test_an_english_project_gets_english_suggestions(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "en.qvs")
    try:
        project.codebook.load(parse_codebook(ENGLISH_CODEBOOK, "en.yaml"), coder="tester")
        text = "How do you hire?\n\nThe selection procedures and language tests keep people out."
        turns = [ParsedTurn("I", 0, 16), ParsedTurn("R", 18, len(text))]
        project.sources.import_transcript(
            ParsedTranscript(text=text, turns=turns, format="plain"),
            name="one",
            filename="one.txt",
            sha256="1" * 64,
            attributes={},
            coder="tester",
        )
        engine = build_engine(project)
        [passage] = source_units(project, "one")
        found = engine.suggest_passage(passage)
        assert codes(found) == ["hiring"]
        assert "matched: selection procedure in 'selection procedures'" in found[0].evidence
    finally:
        project.close()
