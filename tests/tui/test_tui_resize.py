"""Every terminal size from 20 columns up draws the coding screen, with or without a selection
(issue 12: narrowing the terminal with a selection crashed in ``TranscriptView._paint``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView
from tests.tui.conftest import coding_screen

AppMaker = Callable[..., QvsApp]


@pytest.mark.parametrize("select", [False, True], ids=["cursor", "selection"])
async def test_every_width_from_20_to_200_renders(make_app: AppMaker, select: bool) -> None:
    app = make_app("gent")
    async with app.run_test(size=(120, 40)) as pilot:
        await coding_screen(pilot)
        # the steps of the report: nine turns on, a sentence selected, then narrower
        await pilot.press(*["right_curly_bracket"] * 9, *(["s"] if select else []))
        view = app.screen.query_one(TranscriptView)
        assert (view.selection is not None) == select
        for width in range(200, 19, -1):
            height = 8 if width % 2 else 40
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            region = view.scrollable_content_region
            lines = [view.render_line(y) for y in range(region.height)]
            assert all(line.cell_length == region.width for line in lines), width
        assert app.is_running
        assert (view.selection is not None) == select
