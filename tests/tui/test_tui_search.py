"""Search ignores accents and case and counts its hits (issue 12.10)."""

from __future__ import annotations

from collections.abc import Callable

from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.search import FoldedText, fold, next_hit
from qualcoder_vs.tui.widgets.status_bar import StatusBar
from tests.tui.conftest import coding_screen

AppMaker = Callable[..., QvsApp]


def test_folding_drops_accents_and_case() -> None:
    assert fold("Financiën") == "financien"
    assert fold("CAFÉ crème") == "cafe creme"
    assert fold("Straße") == "strasse"


def test_hits_are_offsets_of_the_stored_text() -> None:
    text = "De Straße van Financiën, financien en FINANCIËN."
    folded = FoldedText(text)
    hits = folded.hits("financien")
    assert [text[a:b] for a, b in hits] == ["Financiën", "financien", "FINANCIËN"]
    assert [text[a:b] for a, b in folded.hits("strasse")] == ["Straße"]
    assert FoldedText("plain ascii, Plain").hits("PLAIN") == [(0, 5), (13, 18)]
    assert next_hit(hits, hits[-1][0], 1) == 0  # wraps round
    assert next_hit(hits, hits[0][0], -1) == len(hits) - 1


async def test_search_without_accents_finds_them_and_says_which_hit(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await coding_screen(pilot)
        text = screen.doc.text
        expected = [(a, b) for a, b in FoldedText(text).hits("financien")]
        assert "Financiën" in [text[a:b] for a, b in expected]
        await pilot.press("slash", *"financien", "enter")
        await pilot.pause()
        assert screen.view.selection == expected[0]
        status = str(screen.query_one(StatusBar).render())
        assert f"1/{len(expected)}" in status
        if len(expected) > 1:
            await pilot.press("n")
            await pilot.pause()
            assert screen.view.selection == expected[1]
            assert f"2/{len(expected)}" in str(screen.query_one(StatusBar).render())
