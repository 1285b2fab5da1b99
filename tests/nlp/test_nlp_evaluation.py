"""Cross-validation by interview, and the cold-start quality floor on the demo project."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.evaluation import evaluate, fold_sources
from qualcoder_vs.nlp.pipeline import NlpError


def test_every_source_is_tested_exactly_once() -> None:
    folds = fold_sources(["c", "a", "d", "b", "e"], 2)
    assert folds == [{"a", "c", "e"}, {"b", "d"}]


def test_small_project_evaluates_both_sides(nl_project: Project) -> None:
    report = evaluate(nl_project, folds=3)
    assert (report.folds, report.sources, report.passages, report.uncoded_turns) == (3, 3, 10, 3)
    assert report.cold.passages == report.learned.passages == 10
    # the topic names itself in these interviews: the codebook alone ranks every passage right
    assert report.cold.ranked_hit1 == 1.0
    assert report.cold.shown_hit1 == 1.0
    assert report.learned.shown_hit3 == 1.0
    support = {q.code: q.support for q in report.learned.per_code}
    assert support == {c: 2 for c in ("visie", "mandaat", "stages", "poortwachters", "daily_grind")}
    assert 0.0 <= report.cold.quiet <= 1.0


def test_evaluation_needs_two_coded_sources(uncoded_project: Project) -> None:
    start, end = uncoded_project.queries.locate_quote("gent", "visietekst")
    uncoded_project.codings.add("gent", start, end, ["visie"], coder="tester")
    with pytest.raises(NlpError, match="at least two sources"):
        evaluate(uncoded_project)


def test_cold_start_on_the_demo_interviews_reaches_its_target(demo_project: Project) -> None:
    """The codebook's keywords were written without reading the demo interviews, so every
    demo coding is a held-out passage for cold start."""
    report = evaluate(demo_project, learned=False)
    assert report.passages > 250
    assert report.cold.ranked_hit3 >= 0.8
    assert report.cold.shown_hit3 >= 0.5
    assert report.cold.quiet >= 0.6
