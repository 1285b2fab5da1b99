"""Pilot tests of the matrix screen (F6), the quotes behind a cell and the search screen (F7)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from textual.widgets import DataTable, Input

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.search import fold
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.screens.cell_quotes import CellQuotesScreen
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.dialogs import CodePicker
from qualcoder_vs.tui.screens.matrix import MatrixScreen
from qualcoder_vs.tui.screens.search import SearchScreen

SIZE = (120, 40)
AppMaker = Callable[..., QvsApp]


def shown_cells(screen: MatrixScreen) -> dict[tuple[str, str], int]:
    """What the table shows, read back from its cells: (row key, column label) -> number."""
    table = screen.query_one(DataTable)
    columns = [str(c.label) for c in table.columns.values()][1:]
    found = {}
    for index, key in enumerate(table.ordered_rows):
        row = table.get_row_at(index)
        label = key.key.value
        for column, cell in zip(columns, row[1:], strict=True):
            value = str(cell).strip()
            if value != "·":
                found[(label, column)] = int(value)
    return found


async def test_matrix_shows_hand_counted_codes_by_city_and_switches(
    make_app: AppMaker, tui_project: Project
) -> None:
    stad = {s.name: s.attributes["stad"] for s in tui_project.queries.sources()}
    labels = {c.key: c.label for c in tui_project.queries.codes()}
    expected = Counter((c.code, stad[c.source]) for c in tui_project.queries.codings())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        assert shown_cells(screen) == dict(expected)

        await pilot.press("n")
        assert screen.spec.count == "sources"
        per_source = Counter(
            (k, stad[s]) for k, s in {(c.code, c.source) for c in tui_project.queries.codings()}
        )
        assert shown_cells(screen) == dict(per_source)

        await pilot.press("r")
        assert screen.spec.rows == "theme"
        assert [str(r[0])[1:] for r in map(screen.query_one(DataTable).get_row_at, range(3))] == [
            labels[c.key] for c in tui_project.queries.codes() if c.is_theme
        ][:3]

        await pilot.press("c")
        assert screen.spec.cols == "rol"
        for _ in range(4):
            await pilot.press("c")
        assert screen.spec.is_cooccurrence and screen.spec.cols == "theme"
        await pilot.press("w")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.spec.within == "turn" and screen.with_turns, "turns read once needed"
        cells = screen.matrix.cells  # type: ignore[union-attr]
        assert all(cells[i][j] == cells[j][i] for i in range(len(cells)) for j in range(len(cells)))


async def test_enter_on_a_cell_lists_its_quotes_and_opens_one(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen) and screen.matrix is not None
        row, col = next(
            (i, j)
            for i, values in enumerate(screen.matrix.cells)
            for j, value in enumerate(values)
            if value >= 2
        )
        screen.query_one(DataTable).move_cursor(row=row, column=col + 1)
        await pilot.pause()
        code_key = screen.matrix.rows[row].id
        city = screen.matrix.cols[col].id
        await pilot.press("enter")
        await pilot.pause()
        quotes = app.screen
        assert isinstance(quotes, CellQuotesScreen)
        stad = {s.name: s.attributes["stad"] for s in tui_project.queries.sources()}
        expected = {
            c.id for c in tui_project.queries.codings(code=code_key) if stad[c.source] == city
        }
        assert {r.coding_id for r in quotes.rows} == expected
        assert len(expected) == screen.matrix.cells[row][col]
        first = quotes.rows[0]
        await pilot.press("enter")
        await pilot.pause()
        coding = app.screen
        assert isinstance(coding, CodingScreen)
        assert coding.doc.source_id == first.source_id


async def search(pilot, query: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f7")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen) and screen.index is not None
    await pilot.press(*query, "enter")
    await pilot.pause()
    return screen


async def test_search_finds_forms_of_a_lemma_without_accents_and_jumps(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, "stagecoordinator")
        texts = {
            s.name: tui_project.queries.source(s.name).text for s in tui_project.queries.sources()
        }
        expected = sum(fold(text).count("stagecoordinator") for text in texts.values())
        assert expected and len(screen.hits) == expected
        assert {h.match for h in screen.hits} >= {"stagecoördinator"}
        for hit in screen.hits:
            assert texts[hit.source][hit.start : hit.end] == hit.match

        await pilot.press("slash")
        screen.query_one(Input).value = ""
        await pilot.press(*"zei", "enter")
        await pilot.pause()
        matches = Counter(fold(h.match) for h in screen.hits)
        nlp = load_pipeline("nl")
        words = Counter(w.lower() for text in texts.values() for w in re.findall(r"\w+", text))
        expected_forms = {
            form: n
            for form, n in words.items()
            if form == "zei" or nlp(form)[0].lemma_ == nlp("zei")[0].lemma_
        }
        assert len(expected_forms) >= 4 and matches == expected_forms
        hit = screen.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert app.screen.doc.source_id == hit.source_id


async def test_a_key_codes_the_sentence_of_a_hit(make_app: AppMaker, tui_project: Project) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, "tussen twee vuren")
        assert screen.hits
        hit = screen.hits[0]
        before = len(tui_project.queries.codings(code="sandwichpositie"))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CodePicker)
        await pilot.press(*"sandwich", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        codings = tui_project.queries.codings(code="sandwichpositie")
        assert len(codings) == before + 1
        new = next(
            c for c in codings if c.start <= hit.start and hit.end <= c.end and c.coder == "tester"
        )
        text = tui_project.queries.source(hit.source).text
        sentence = text[new.start : new.end]
        assert "tussen twee vuren" in sentence and sentence.rstrip()[-1] in ".?!…"
