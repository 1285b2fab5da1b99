"""The review screen walks disagreements and writes consensus codings, one action per key."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from sqlalchemy import select
from textual.widgets import Input, Static

from qualcoder_vs.core.models import ConsensusDecision
from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.screens.review import ReviewScreen
from tests.team_support import new_two_coder_project
from tests.tui.keyword_suggester import KeywordSuggester

SIZE = (120, 36)


def _app(project: Project, into: str = "consensus") -> QvsApp:
    return QvsApp(
        project,
        "lead",
        review=(("An", "Bo"), into, "turn"),
        suggester_factory=KeywordSuggester.for_project,
    )


def _title(app: QvsApp) -> str:
    rendered = app.screen.query_one("#review-title", Static).render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def _consensus(project: Project, into: str = "consensus") -> list[tuple[str, str, str]]:
    return [(c.source, c.code, c.text) for c in project.queries.codings(coder=into)]


def _decisions(project: Project) -> list[str]:
    with project.store.reading() as session:
        return [
            d.choice
            for d in session.scalars(select(ConsensusDecision).order_by(ConsensusDecision.created))
        ]


async def test_keep_a_then_b_then_undo(tmp_path: Path) -> None:
    """Disagreements in text order: aalst t1 mandaat (Bo only), gent t3 mandaat (An only)."""
    project = new_two_coder_project(tmp_path / "r.qvs")
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "0/2 settled" in _title(app)
        assert app.screen.current is not None
        assert app.screen.current.disagreement.source == "aalst"

        await pilot.press("b")  # keep Bo's mandaat in aalst
        await pilot.pause()
        assert "1/2 settled" in _title(app)
        assert _consensus(project) == [("aalst", "mandaat", "Het budget is klein")]
        assert app.screen.current.disagreement.source == "gent"  # moved to the next open one

        await pilot.press("b")  # keep Bo's in gent: Bo has no mandaat there, so nothing
        await pilot.pause()
        assert "2/2 settled" in _title(app)
        assert _consensus(project) == [("aalst", "mandaat", "Het budget is klein")]
        assert _decisions(project) == ["Bo", "Bo"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "1/2 settled" in _title(app)
        assert _decisions(project) == ["Bo"]
    project.close()


async def test_keep_a_both_neither_and_edit(tmp_path: Path) -> None:
    project = new_two_coder_project(tmp_path / "r.qvs")
    app = _app(project, into="samen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right")  # gent t3: An's mandaat on 'het mandaat is er'
        await pilot.press("a")
        await pilot.pause()
        assert _consensus(project, "samen") == [("gent", "mandaat", "het mandaat is er")]
        await pilot.press("n")  # back on aalst (the next open one): neither
        await pilot.pause()
        assert _consensus(project, "samen") == [("gent", "mandaat", "het mandaat is er")]
        assert "2/2 settled" in _title(app)

        await pilot.press("c")  # aalst again, now both: Bo's coding joins the consensus
        await pilot.pause()
        assert ("aalst", "mandaat", "Het budget is klein") in _consensus(project, "samen")

        start, end = project.queries.locate_quote("aalst", "Het budget is klein 😀")
        await pilot.press("e")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        prompt.value = f"{start}-{end}"
        await pilot.press("enter")
        await pilot.pause()
        assert ("aalst", "mandaat", "Het budget is klein 😀") in _consensus(project, "samen")
        assert _decisions(project) == ["An", "none", "all", "edit"]
        # the coders' own codings never change
        assert (
            len(project.queries.codings(coder="An")) == 2
            and len(project.queries.codings(coder="Bo")) == 2
        )
    project.close()


async def test_review_opens_from_the_app_and_says_when_there_is_nothing(
    tmp_path: Path,
) -> None:
    from tests.conftest import new_small_project

    project = new_small_project(tmp_path / "leeg.qvs")
    app = QvsApp(project, "lead", suggester_factory=KeywordSuggester.for_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = app.screen.query_one("#review-text", Static).render()
        assert "No disagreements" in str(text)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
    project.close()


async def test_the_workbench_reads_as_its_coder_while_blind(tmp_path: Path) -> None:
    project = new_two_coder_project(tmp_path / "b.qvs")
    project.settings.set_blind(True, coder="lead")
    app = QvsApp(project, "Bo", source="gent", suggester_factory=KeywordSuggester.for_project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gent = project.queries.source("gent").id
        assert {m.coder for m in app.project.queries.marks(gent)} == {"Bo"}
        status = app.screen.query_one("#status", Static).render()
        assert "blind: mine only" in str(status)
        await pilot.press("v")  # the mine/all toggle cannot show others' codings
        await pilot.pause()
        assert not app.mine_only
        await pilot.press("f8")  # the review still compares everyone
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.review.coders == ("An", "Bo")
    project.close()
