"""Calibration that learning cannot break: what is shown follows the codings, not the corpus."""

from __future__ import annotations

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.evaluation import evaluate
from qualcoder_vs.nlp.passages import Passage, project_passages
from qualcoder_vs.nlp.suggester import build_engine
from tests.nlp.conftest import transcript

PROBE = Passage("De taaltest sluit mensen uit.", "Hoe verloopt de selectie?")


def cold_scores(project: Project) -> list[tuple[str, float]]:
    return [(s.code, s.score) for s in build_engine(project, learned=False).rank_many([PROBE])[0]]


def test_cold_start_does_not_depend_on_the_projects_other_turns(
    uncoded_project: Project,
) -> None:
    before = cold_scores(uncoded_project)
    # a dozen interviews that all talk about selection: "typical" would move, scores must not
    turns = [("I", "Hoe verloopt de selectie?"), ("R", "De jury en de taaltest, altijd weer.")]
    for n in range(12):
        uncoded_project.sources.import_transcript(
            transcript(turns * 3), name=f"extra{n}", filename=f"extra{n}.txt",
            sha256=f"{n:064d}", attributes={}, coder="tester",
        )  # fmt: skip
    assert cold_scores(uncoded_project) == before


def test_coding_almost_every_turn_does_not_reduce_what_is_shown(demo_project: Project) -> None:
    """The researcher codes nearly every respondent turn (here: each uncoded turn of more
    than a few words gets the code cold start ranks first for it); held-out interviews must
    get at least as many useful suggestions from the learned engine as from cold start."""
    data = project_passages(demo_project)
    engine = build_engine(demo_project, learned=False)
    substantive = [p for p in data.uncoded_turns if len(p.text.split()) > 30]
    for passage, scores in zip(substantive, engine.rank_many(substantive), strict=True):
        demo_project.codings.add(
            passage.source, passage.start, passage.end, [scores[0].code], coder="tester"
        )
    data = project_passages(demo_project)
    turns = len(data.turns)
    assert len(data.uncoded_turns) / turns < 0.2
    report = evaluate(demo_project, folds=3)
    assert report.learned.coverage >= report.cold.coverage
    assert report.learned.shown_hit3 >= report.cold.shown_hit3
    assert report.learned.quiet >= 0.5
