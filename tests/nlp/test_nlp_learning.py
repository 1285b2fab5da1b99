"""Learning from codings: training, storage in the project, feedback, retraining."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qualcoder_vs.core.models import StoredModel, SuggestionFeedback
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.learner import ensure_trained, load_model, stored_info, train
from qualcoder_vs.nlp.passages import Passage, project_passages
from qualcoder_vs.nlp.pipeline import NlpError
from qualcoder_vs.nlp.suggester import build_engine, turn


def score_of(project: Project, passage: Passage, code: str) -> float:
    ranked = build_engine(project).rank_many([passage])[0]
    return next(s.score for s in ranked if s.code == code)


def test_training_reports_what_it_learned_from(nl_project: Project) -> None:
    report = train(nl_project)
    assert (report.codings, report.passages, report.codes) == (10, 10, 5)
    # the small-talk turn of each interview, and aalst's and genk's turns about nothing coded
    assert report.negatives == 3
    assert report.rejections == 0
    # ten coded passages are too few to fit a calibrator on: the cold-start threshold holds
    assert (report.folds, report.threshold) == (0, 0.5)


def test_nothing_to_learn_is_a_clear_error(uncoded_project: Project) -> None:
    with pytest.raises(NlpError, match="nothing to learn from yet"):
        train(uncoded_project)
    assert ensure_trained(uncoded_project) is None


def test_the_model_lives_in_the_project_and_gives_the_same_scores_after_reopening(
    nl_project: Project,
) -> None:
    train(nl_project)
    passage = turn(nl_project, "gent", 5)
    before = build_engine(nl_project).rank_many([passage])[0]
    nl_project.close()
    reopened = Project.open(nl_project.location)
    try:
        with reopened.store.reading() as session:
            row = session.scalars(select(StoredModel)).one()
            assert row.info["codings"] == 10
            assert len(row.data) > 1_000
        after = build_engine(reopened).rank_many([passage])[0]
        assert [(s.code, s.score) for s in after] == [(s.code, s.score) for s in before]
        model = load_model(reopened)
        assert model is not None
        assert model.learned.count_map() == {
            "visie": 2, "mandaat": 2, "stages": 2, "poortwachters": 2, "daily_grind": 2
        }  # fmt: skip
    finally:
        reopened.close()


def test_learning_raises_the_score_of_what_was_coded(uncoded_project: Project) -> None:
    # words of coded passages that the codebook never mentions
    passage = Passage("De jury lijkt op elkaar, dus kiezen ze iemand die op hen lijkt.")
    cold = score_of(uncoded_project, passage, "poortwachters")
    for source, quote in (("aalst", "De jury lijkt op elkaar"), ("gent", "sluiten mensen uit")):
        start, end = uncoded_project.queries.locate_quote(source, quote)
        uncoded_project.codings.add(source, start, end, ["poortwachters"], coder="tester")
    assert ensure_trained(uncoded_project) is not None
    assert score_of(uncoded_project, passage, "poortwachters") > cold


def test_ensure_trained_only_retrains_when_codings_changed(nl_project: Project) -> None:
    assert ensure_trained(nl_project) is not None
    assert ensure_trained(nl_project) is None
    start, end = nl_project.queries.locate_quote("genk", "Ik heb wel maar een uurtje")
    nl_project.codings.add("genk", start, end, ["daily_grind"], coder="tester")
    report = ensure_trained(nl_project)
    assert report is not None and report.codings == 11
    info = stored_info(nl_project)
    assert info is not None and info["fingerprint"] == report.fingerprint


def test_a_rejection_is_stored_and_learned_as_a_negative(nl_project: Project) -> None:
    passage = turn(nl_project, "genk", 5)  # personeelstekort en tijdsgebrek: daily_grind
    train(nl_project)
    before = score_of(nl_project, passage, "daily_grind")
    nl_project.codings.reject_suggestion(
        "daily_grind",
        coder="tester",
        source_ref="genk",
        start=passage.start,
        end=passage.end,
    )
    with nl_project.store.reading() as session:
        row = session.scalars(select(SuggestionFeedback)).one()
        assert (row.accepted, row.start, row.end) == (False, passage.start, passage.end)
    data = project_passages(nl_project)
    assert [(r.code, r.passage.text) for r in data.rejections] == [("daily_grind", passage.text)]
    report = ensure_trained(nl_project)
    assert report is not None and report.rejections == 1
    assert score_of(nl_project, passage, "daily_grind") < before


def test_rejecting_free_text_and_undoing_it(nl_project: Project) -> None:
    nl_project.codings.reject_suggestion("visie", coder="tester", text="Een losse zin over visie.")
    assert [r.passage.text for r in project_passages(nl_project).rejections] == [
        "Een losse zin over visie."
    ]
    nl_project.undo(coder="tester")
    assert project_passages(nl_project).rejections == []


def test_accepting_creates_a_coding_with_origin_suggestion(nl_project: Project) -> None:
    passage = turn(nl_project, "aalst", 1)
    views = nl_project.codings.accept_suggestion(
        "aalst", passage.start, passage.end, "mandaat", coder="tester"
    )
    assert [(v.code, v.origin, v.text) for v in views] == [("mandaat", "suggestion", passage.text)]
