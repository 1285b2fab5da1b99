"""The suggestion model learns in the background once the researcher pauses coding."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui import app as app_module
from qualcoder_vs.tui.app import QvsApp
from tests.tui.conftest import CODER
from tests.tui.keyword_suggester import KeywordSuggester


async def test_coding_schedules_one_learning_run_after_a_pause(
    tui_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "RETRAIN_DELAY", 1.0)
    runs: list[int] = []

    def learner(project: Project) -> str | None:
        runs.append(len(project.queries.codings(coder=CODER)))
        return f"{runs[-1]} codings"

    app = QvsApp(
        tui_project,
        CODER,
        source="gent",
        suggester_factory=KeywordSuggester.for_project,
        learner=learner,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()
        assert runs == [0]  # at start: bring a stale model up to date
        await pilot.press("s")
        screen = app.screen
        assert screen.apply_codes(["stages"])  # type: ignore[attr-defined]
        await pilot.press("down", "down", "s")
        assert screen.apply_codes(["visie"])  # type: ignore[attr-defined]
        assert runs == [0]  # still coding: nothing learned yet
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()
        assert runs == [0, 2]  # one run after the pause, seeing both new codings


async def test_without_a_learner_nothing_is_scheduled(
    tui_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "RETRAIN_DELAY", 0.1)
    app = QvsApp(tui_project, CODER, source="gent", suggester_factory=KeywordSuggester.for_project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert not [w for w in app.workers if w.group == "learn"]
