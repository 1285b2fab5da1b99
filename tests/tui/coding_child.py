"""Child process for the kill -9 test: codes sentence after sentence by keyboard, and after the
screen shows each new coding, prints it (``SHOWN start end code``) and flushes.

Run as ``python coding_child.py PROJECT``; it runs until it is killed.
"""

from __future__ import annotations

import asyncio
import sys

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView
from tests.tui.keyword_suggester import KeywordSuggester

CODES = ["visie"]


async def code_until_killed(path: str) -> None:
    app = QvsApp(
        Project.open(path), "tester", source="gent", suggester_factory=KeywordSuggester.for_project
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(TranscriptView)
        first = True
        while True:
            await pilot.press("ctrl+down", "s")
            selection = view.selection
            if first:
                await pilot.press("a", *CODES[0], "enter")
                first = False
            else:
                await pilot.press("1")
            await pilot.pause()
            assert selection is not None
            mine = [
                mark
                for mark in view.marks.at(selection[0])
                if (mark.start, mark.end, mark.code, mark.coder) == (*selection, CODES[0], "tester")
            ]
            if mine and CODES[0] in view.row_text(view.layout.row_of(selection[0])):
                print(f"SHOWN {selection[0]} {selection[1]} {CODES[0]}", flush=True)


if __name__ == "__main__":
    asyncio.run(code_until_killed(sys.argv[1]))
