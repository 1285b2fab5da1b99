"""Blind coding, consensus by rule and review decisions, asserted on the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qualcoder_vs.core.agreement import Disagreement
from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.models import ConsensusDecision
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.services.consensus import intersection, union
from tests.conftest import new_small_project


def test_range_helpers() -> None:
    assert union([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]
    assert intersection([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]


def test_blind_is_one_undoable_event(small_project: Project) -> None:
    assert not small_project.queries.blind()
    assert small_project.settings.set_blind(True, coder="lead")
    assert small_project.queries.blind()
    events = len(small_project.queries.history())
    assert not small_project.settings.set_blind(True, coder="lead")  # already on: no event
    assert len(small_project.queries.history()) == events
    assert small_project.queries.history(1)[0].summary == "blind coding on"
    small_project.undo(coder="lead")
    assert not small_project.queries.blind()
    small_project.redo(coder="lead")
    assert small_project.queries.blind()
    assert small_project.settings.set_blind(False, coder="lead")
    assert not small_project.queries.blind()


@pytest.fixture
def coded(tmp_path: Path) -> Project:
    """gent turn 1 is 'Ik werk bij de stad. We hebben geen visie op diversiteit, dat is het
    probleem.' An codes visie on 'geen visie op diversiteit', Bo on 'We hebben geen visie'."""
    project = new_small_project(tmp_path / "c.qvs")
    for coder, quote, memo in (
        ("An", "geen visie op diversiteit", "sterk"),
        ("Bo", "We hebben geen visie", ""),
    ):
        start, end = project.queries.locate_quote("gent", quote)
        project.codings.add("gent", start, end, ["visie"], coder=coder, memo=memo)
    return project


def _consensus(project: Project, into: str = "consensus") -> list[str]:
    return [c.text for c in project.queries.codings(coder=into)]


def test_consensus_intersection_union_and_a_coder(coded: Project) -> None:
    result = coded.codings.consensus(["An", "Bo"], rule="intersection", coder="lead")
    assert result.codings == 1 and result.settled == 0
    assert _consensus(coded) == ["geen visie"]
    assert coded.queries.codings(coder="consensus")[0].origin == "consensus"
    assert coded.queries.codings(coder="consensus")[0].memo == "sterk"  # carried from An's coding
    coded.undo(coder="lead")  # one action: one undo removes it all
    assert _consensus(coded) == []

    result = coded.codings.consensus(["An", "Bo"], rule="union", coder="lead")
    assert _consensus(coded) == ["We hebben geen visie op diversiteit"]
    assert result.settled == 1  # one source and code: gent, visie
    review = coded.queries.review(["An", "Bo"], unit="character")
    # 'We hebben ' (Bo only) and ' op diversiteit' (An only), both settled by the rule
    assert review.settled == len(review.items) == 2
    assert {i.decision for i in review.items} == {"all"}
    coded.undo(coder="lead")

    coded.codings.consensus(["An", "Bo"], rule="Bo", into="samen", coder="lead")
    assert _consensus(coded, "samen") == ["We hebben geen visie"]


@pytest.mark.parametrize(
    ("rule", "into", "message"),
    [
        ("meerderheid", "consensus", "unknown rule 'meerderheid'"),
        ("union", "An", "cannot be one of the coders"),
    ],
)
def test_consensus_refuses_bad_rules(coded: Project, rule: str, into: str, message: str) -> None:
    events = len(coded.queries.history())
    with pytest.raises(ProjectError, match=message):
        coded.codings.consensus(["An", "Bo"], rule=rule, into=into, coder="lead")
    assert len(coded.queries.history()) == events


def _item(project: Project, text: str) -> Disagreement:
    review = project.queries.review(["An", "Bo"], unit="character")
    return next(i.disagreement for i in review.items if i.disagreement.text == text)


def test_settle_sets_the_passage_and_leaves_the_rest(coded: Project) -> None:
    coded.codings.consensus(["An", "Bo"], rule="intersection", coder="lead")
    # keep Bo's on 'We hebben ': consensus grows to Bo's start
    coded.codings.settle(_item(coded, "We hebben "), "Bo", coders=["An", "Bo"], coder="lead")
    assert _consensus(coded) == ["We hebben geen visie"]
    # neither on ' op diversiteit': nothing added, but the decision is recorded
    coded.codings.settle(_item(coded, " op diversiteit"), "none", coders=["An", "Bo"], coder="lead")
    assert _consensus(coded) == ["We hebben geen visie"]
    review = coded.queries.review(["An", "Bo"], unit="character")
    assert review.settled == 2 and [i.decision for i in review.items] == ["Bo", "none"]
    with coded.store.reading() as session:
        assert len(session.scalars(select(ConsensusDecision)).all()) == 2
    # each decision is one undoable action
    coded.undo(coder="lead")
    assert coded.queries.review(["An", "Bo"], unit="character").settled == 1
    coded.undo(coder="lead")
    assert _consensus(coded) == ["geen visie"]


def test_settle_both_and_edit(coded: Project) -> None:
    item = _item(coded, " op diversiteit")
    coded.codings.settle(item, "all", coders=["An", "Bo"], coder="lead")
    assert _consensus(coded) == [" op diversiteit"]  # clipped to the passage
    start, end = coded.queries.locate_quote("gent", "visie op diversiteit")
    coded.codings.settle(item, "edit", coders=["An", "Bo"], edit=(start, end), coder="lead")
    assert _consensus(coded) == ["visie op diversiteit"]
    with pytest.raises(ProjectError, match="not a passage"):
        coded.codings.settle(item, "edit", coders=["An", "Bo"], edit=(start, 10**6), coder="lead")
    with pytest.raises(ProjectError, match="unknown choice"):
        coded.codings.settle(item, "Cas", coders=["An", "Bo"], coder="lead")
