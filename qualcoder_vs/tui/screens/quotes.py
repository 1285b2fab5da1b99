"""All quotes of one code or theme, with who said them and where; enter opens the transcript
at the quote."""

from __future__ import annotations

import uuid
from bisect import bisect_right
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.speakers import Role
from qualcoder_vs.core.text import shorten
from qualcoder_vs.i18n import _
from qualcoder_vs.reports.pseudonyms import citation
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.messages import OpenSource
from qualcoder_vs.tui.passage_text import passage_in_context
from qualcoder_vs.tui.readmodel import QuoteRow, coder_names, load_quotes
from qualcoder_vs.tui.screens.dialogs import CodePicker
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.row_table import Column, RowTable
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

QUOTE_CELLS = 200


def quote_matches(row: QuoteRow, query: str) -> bool:
    """``stad=gent`` filters on attributes; other words must occur in the quote, source or
    speaker. Case is ignored."""
    for term in query.lower().split():
        if "=" in term:
            key, _sep, value = term.partition("=")
            found = {k.lower(): v.lower() for k, v in row.attributes.items()}
            if value not in found.get(key, "\0"):
                return False
        elif not any(
            term in field.lower() for field in (row.quote, row.source, row.speaker, row.memo)
        ):
            return False
    return True


def speaker_labels(project: Project, rows: list[QuoteRow]) -> dict[uuid.UUID, str]:
    """Who speaks each quote, as reports cite them: the interviewer as such, a respondent by
    role and city (``HR-medewerker, Gent``), never by name."""
    turns = project.queries.turns_of(sorted({row.source_id for row in rows}))
    labels: dict[uuid.UUID, str] = {}
    for row in rows:
        of_source = turns.get(row.source_id, [])
        index = bisect_right([t.start for t in of_source], row.start) - 1
        role = of_source[index].role if index >= 0 else ""
        if role == Role.INTERVIEWER:
            labels[row.coding_id] = _("Interviewer")
        else:
            labels[row.coding_id] = citation(row.attributes, respondent_word=_("Respondent"))
    return labels


class QuotesScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.QUOTES)
    AUTO_FOCUS = "#quotes-table"

    app: QvsApp

    def __init__(self, code: str | None = None) -> None:
        super().__init__()
        self.code = code
        self.rows: list[QuoteRow] = []
        self.shown: list[QuoteRow] = []
        self.attribute_keys: list[str] = []
        self.speakers: dict[uuid.UUID, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="quotes-title", classes="screen-title")
        with Horizontal(id="quote-filters"):
            yield Input(
                placeholder=_("filter: stad=gent, or words in the quote (/)"),
                id="filter",
                compact=True,
            )
            yield Select[str]([], prompt="all coders", id="coder", compact=True)
        yield RowTable(id="quotes-table")
        yield Static(id="quote-preview")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        coders = coder_names(self.app.project)
        self.query_one(Select).set_options((name, name) for name in coders)
        if self.code is None:
            self.action_choose_code()
        else:
            self.load()
        self.query_one(RowTable).focus()

    def _code_keys(self) -> list[str]:
        entry = next((e for e in self.app.codes if e.key == self.code), None)
        if entry is None:
            return []
        if entry.is_theme:
            return [e.key for e in self.app.codes if e.theme == entry.key]
        keys_below = [entry.key]
        for candidate in self.app.codes:
            if candidate.parent in keys_below:
                keys_below.append(candidate.key)
        return keys_below

    def load(self) -> None:
        self.rows = load_quotes(self.app.project, self._code_keys())
        order: dict[str, None] = {}
        for row in self.rows:
            order.update(dict.fromkeys(row.attributes))
        self.attribute_keys = list(order)
        self.speakers = speaker_labels(self.app.project, self.rows)
        self._fill()

    def _fill(self) -> None:
        """The quote gets the width: a column that says the same on every row (one code, one
        coder) is left out, and the interview is named only where it changes."""
        query = self.query_one("#filter", Input).value
        coder = self.query_one(Select).value
        self.shown = [
            row
            for row in self.rows
            if quote_matches(row, query) and (not isinstance(coder, str) or row.coder == coder)
        ]
        colours = {entry.key: entry.colour for entry in self.app.codes}
        varies = {
            "code": len({row.code for row in self.shown}) > 1,
            "coder": len({row.coder for row in self.shown}) > 1,
        }
        columns = [
            Column(_("interview"), max_width=14, priority=10),
            Column(_("speaker"), max_width=30, priority=6),
            *([Column(_("code"), max_width=18, priority=9)] if varies["code"] else []),
            *([Column(_("coder"), max_width=10, priority=7)] if varies["coder"] else []),
            Column(_("quote"), max_width=QUOTE_CELLS, flex=True, min_width=50, priority=10),
        ]
        table_rows: list[list[str | Text]] = []
        previous: tuple[uuid.UUID, str] | None = None
        for row in self.shown:
            speaker = self.speakers.get(row.coding_id, row.speaker)
            same_source = previous is not None and previous[0] == row.source_id
            cells: list[str | Text] = [
                "" if same_source else row.source,
                "" if same_source and previous is not None and previous[1] == speaker else speaker,
            ]
            previous = (row.source_id, speaker)
            if varies["code"]:
                cells.append(Text(row.code, style=colours.get(row.code, "")))
            if varies["coder"]:
                cells.append(row.coder)
            cells.append(Text(("★ " if row.important else "") + shorten(row.quote, QUOTE_CELLS)))
            table_rows.append(cells)
        self.query_one(RowTable).set_data(columns, table_rows)
        entry = next((e for e in self.app.codes if e.key == self.code), None)
        title = Text(_("Quotes of") + " ", style="bold")
        if entry is not None:
            title.append(entry.label, style=f"bold {entry.colour}")
            kind = _("theme") if entry.is_theme else entry.key
            title.append(f" ({kind})", style="dim")
        title.append(
            "  " + _("{shown} of {total}").format(shown=len(self.shown), total=len(self.rows))
        )
        self.query_one("#quotes-title", Static).update(title)
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (_("coder {name}").format(name=self.app.coder), ""),
                (_("enter: go to quote · k: other code · / filter · esc: back"), "dim"),
            ]
        )
        self._preview()

    def _current(self) -> QuoteRow | None:
        index = self.query_one(RowTable).cursor
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _preview(self) -> None:
        row = self._current()
        preview = self.query_one("#quote-preview", Static)
        if row is None:
            preview.update(Text(_("No quotes."), style="dim"))
            return
        speaker = self.speakers.get(row.coding_id, row.speaker)
        where = " · ".join(
            [
                row.source,
                speaker,
                *[row.attributes[k] for k in self.attribute_keys if row.attributes.get(k)],
            ]
        )
        heading = f"{where} · {row.code} · {row.coder}"
        text = passage_in_context(heading, row.prefix, row.quote, row.suffix)
        if row.memo:
            text.append("\n" + _("memo") + f": {row.memo}", style="italic")
        preview.update(text)

    @on(RowTable.Highlighted)
    def _highlighted(self) -> None:
        self._preview()

    @on(RowTable.Selected)
    def _selected(self) -> None:
        self.action_jump()

    @on(Input.Changed, "#filter")
    @on(Select.Changed, "#coder")
    def _filters_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(RowTable).focus()

    def action_jump(self) -> None:
        row = self._current()
        if row is not None:
            self.post_message(OpenSource(row.source_id, (row.start, row.end), return_here=True))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_choose_code(self) -> None:
        def chosen(codes: list[str] | None) -> None:
            if codes:
                self.code = codes[0]
                self.load()
            elif self.code is None:
                self.dismiss()

        self.app.push_screen(
            CodePicker(
                self.app.codes, title=_("Quotes of code or theme"), multiple=False, themes=True
            ),
            chosen,
        )

    def action_back(self) -> None:
        if self.query_one("#filter", Input).has_focus:
            self.query_one(RowTable).focus()
            return
        self.dismiss()
