"""Search across interviews: lemmas, case, accents, phrases over punctuation, offsets, context."""

from __future__ import annotations

import uuid

from qualcoder_vs.core.corpus import SourceText
from qualcoder_vs.core.views import TurnView
from qualcoder_vs.nlp.search import SearchIndex, fold

TEXT_A = "Wat doet u?\n\nIk ben stagecoördinator. De stages lopen goed; elke Stage telt."
TEXT_B = "Zij zei: tussen twee, vuren zitten is zwaar. Ze zeggen het vaak."


def turn(start: int, end: int, speaker: str, role: str) -> TurnView:
    return TurnView(uuid.uuid4(), uuid.UUID(int=0), 0, start, end, None, None, speaker, role)


def index() -> SearchIndex:
    question_end = TEXT_A.index("\n\n")
    return SearchIndex(
        [
            SourceText(
                uuid.UUID(int=1),
                "a",
                {},
                TEXT_A,
                (
                    turn(0, question_end, "I", "interviewer"),
                    turn(question_end + 2, len(TEXT_A), "Els", "respondent"),
                ),
            ),
            SourceText(uuid.UUID(int=2), "b", {}, TEXT_B, (turn(0, len(TEXT_B), "", ""),)),
        ],
        "nl",
    )


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Coördinator ÉÉN café") == "coordinator een cafe"


def test_a_lemma_finds_its_forms_in_any_case() -> None:
    hits = index().find("stage")
    assert [(h.source, h.match) for h in hits] == [("a", "stages"), ("a", "Stage")]
    for hit in hits:
        assert TEXT_A[hit.start : hit.end] == hit.match
    said = index().find("zeggen")
    assert [h.match for h in said] == ["zei", "zeggen"]


def test_accents_and_case_in_the_query_do_not_matter() -> None:
    for query in ("stagecoordinator", "STAGECOÖRDINATOR", "Stagecoördinator"):
        hits = index().find(query)
        assert [h.match for h in hits] == ["stagecoördinator"], query


def test_a_phrase_matches_consecutive_words_over_punctuation() -> None:
    hits = index().find("tussen twee vuren")
    assert [h.match for h in hits] == ["tussen twee, vuren"]
    assert index().find("twee zitten") == []
    assert index().find("   ") == []


def test_a_hit_knows_its_speaker_and_context_within_the_turn() -> None:
    hit = index().find("stagecoördinator")[0]
    assert (hit.speaker, hit.role) == ("Els", "respondent")
    assert hit.before == "Ik ben " and hit.after.startswith(". De stages lopen goed")
    assert "Wat doet u" not in hit.before, "context stays inside the turn"
    assert len(index().find("stage", limit=1)) == 1
