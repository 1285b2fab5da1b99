"""Screenshots of every screen (pytest-textual-snapshot); update with ``--snapshot-update`` after
looking at the differences in the report it writes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from textual.pilot import Pilot

from qualcoder_vs.tui.app import QvsApp

WIDE = (120, 40)
NARROW = (80, 24)
AppMaker = Callable[..., QvsApp]
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Coding times are shown on the local clock; screenshots must not depend on where they run."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def settle(pilot: Pilot[None]) -> None:
    """Let the debounced suggestions arrive, so the panel is the same in every run."""
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_sources_screen(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=settle)


def test_coding_screen_wide(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def at_a_coding(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"hoofddoek", "enter", "left")
        await settle(pilot)

    assert snap_compare(make_app("gent"), terminal_size=WIDE, run_before=at_a_coding)


def test_coding_screen_narrow(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def at_a_coding(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"hoofddoek", "enter", "left")
        await settle(pilot)

    assert snap_compare(make_app("gent"), terminal_size=NARROW, run_before=at_a_coding)


def test_coding_screen_selection_and_picker(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def picking(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down", "s", "alt+shift+right")
        await settle(pilot)
        await pilot.press("enter", *"st")
        await pilot.pause()

    assert snap_compare(make_app("gent"), terminal_size=WIDE, run_before=picking)


def test_quotes_screen(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def quotes(pilot: Pilot[None]) -> None:
        pilot.app.show_quotes("daily_grind")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=quotes)


def test_codebook_screen(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    assert snap_compare(make_app(), terminal_size=WIDE, press=["f5", "down", "down"])


def test_help_screen(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    assert snap_compare(make_app("gent"), terminal_size=WIDE, press=["question_mark"])


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
def test_matrix_screen(
    snap_compare: SnapCompare, make_app: AppMaker, size: tuple[int, int]
) -> None:
    async def matrix(pilot: Pilot[None]) -> None:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("right", "down", "down")

    assert snap_compare(make_app(), terminal_size=size, run_before=matrix)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
def test_search_screen(
    snap_compare: SnapCompare, make_app: AppMaker, size: tuple[int, int]
) -> None:
    async def searched(pilot: Pilot[None]) -> None:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press(*"hoofddoek", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=searched)
