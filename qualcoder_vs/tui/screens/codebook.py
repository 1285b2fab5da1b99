"""The codebook: add, rename, recolour, move and merge codes, edit descriptions, write YAML.

Each change is one undoable action of the codebook service; writing back to the YAML file is asked
for explicitly, because that file usually lives in git.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.readmodel import CodeEntry, code_counts
from qualcoder_vs.tui.screens.dialogs import CodePicker, Confirm, MemoEditor, TextPrompt
from qualcoder_vs.tui.widgets.codebook_panel import code_details
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

PALETTE = ["#E6194B", "#3CB44B", "#FFE119", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6"]


def tree_prompt(entry: CodeEntry, total: int) -> Text:
    text = Text("  " * entry.depth)
    text.append("■ ", style=entry.colour)
    text.append(entry.label, style="bold" if entry.is_theme else "")
    text.append(f"  {entry.key}", style="dim")
    if total:
        text.append(f"  {total}", style="dim")
    return text


class CodebookScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.CODEBOOK)
    AUTO_FOCUS = "#codebook-tree"

    app: QvsApp

    def compose(self) -> ComposeResult:
        yield Static(id="codebook-title", classes="screen-title")
        with Horizontal(id="codebook-body"):
            yield OptionList(id="codebook-tree")
            with VerticalScroll(id="codebook-detail-box"):
                yield Static(id="codebook-detail")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.load()
        self.query_one(OptionList).focus()

    def load(self, keep: str | None = None) -> None:
        keep = keep or (self.current.key if self.current else None)
        self.app.load_codes()
        _, self.totals = code_counts(self.app.project, None)
        tree = self.query_one(OptionList)
        tree.set_options(Option(tree_prompt(e, self._total(e)), id=e.key) for e in self.app.codes)
        keys_now = [e.key for e in self.app.codes]
        if keys_now:
            tree.highlighted = keys_now.index(keep) if keep in keys_now else 0
        path = self.app.project.queries.info().codebook_path or "no file (w is not available)"
        themes = sum(1 for e in self.app.codes if e.is_theme)
        self.query_one("#codebook-title", Static).update(
            Text.assemble(
                ("Codebook", "bold"),
                (f"  {themes} themes, {len(self.app.codes) - themes} codes", ""),
                (f" · {path}", "dim"),
            )
        )
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                ("every change is undoable (ctrl+z); w writes the YAML file", "dim"),
            ]
        )
        self._describe()

    def _total(self, entry: CodeEntry) -> int:
        if entry.is_theme:
            return sum(self.totals[e.key] for e in self.app.codes if e.theme == entry.key)
        return self.totals[entry.key]

    @property
    def current(self) -> CodeEntry | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None:
            return None
        return next((e for e in self.app.codes if e.key == option.id), None)

    def _describe(self) -> None:
        entry = self.current
        detail = self.query_one("#codebook-detail", Static)
        if entry is None:
            detail.update("")
            return
        text = code_details(entry, None, self._total(entry))
        if entry.examples:
            text.append("examples:\n", style="bold")
            for example in entry.examples:
                text.append(f"  “{example}”\n", style="italic")
        detail.update(text)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._describe()

    def _run(self, change: Callable[[], object], keep: str | None = None) -> None:
        """Do one codebook change; a refused change is a message, never a crash."""
        try:
            change()
        except ProjectError as exc:
            self.notify(str(exc), severity="error")
            return
        self.load(keep)

    # -- actions -----------------------------------------------------------------------------

    def action_add_code(self) -> None:
        entry = self.current
        if entry is None:
            return
        parent = entry.key if entry.is_theme else (entry.parent or entry.theme)
        coder = self.app.coder

        def got_key(key: str | None) -> None:
            if not key:
                return

            def got_label(label: str | None) -> None:
                if label:
                    colour = next((e.colour for e in self.app.codes if e.key == parent), "#808080")
                    self._run(
                        lambda: self.app.project.codebook.add_code(
                            coder=coder,
                            key=key,
                            label=label,
                            parent=parent,
                            colour=colour,
                        ),
                        keep=key,
                    )

            self.app.push_screen(TextPrompt(f"Label of {key}"), got_label)

        self.app.push_screen(
            TextPrompt(f"Id of the new code under {parent}", placeholder="lower_case_id"), got_key
        )

    def action_add_theme(self) -> None:
        coder = self.app.coder
        colour = PALETTE[len(self.app.codes) % len(PALETTE)]

        def got_key(key: str | None) -> None:
            if not key:
                return

            def got_label(label: str | None) -> None:
                if label:
                    self._run(
                        lambda: self.app.project.codebook.add_theme(
                            coder=coder, key=key, label=label, colour=colour
                        ),
                        keep=key,
                    )

            self.app.push_screen(TextPrompt(f"Label of theme {key}"), got_label)

        self.app.push_screen(
            TextPrompt("Id of the new theme", placeholder="lower_case_id"), got_key
        )

    def action_rename(self) -> None:
        entry = self.current
        if entry is None:
            return

        def got(label: str | None) -> None:
            if label and label != entry.label:
                self._run(
                    lambda: self.app.project.codebook.rename(entry.key, label, coder=self.app.coder)
                )

        self.app.push_screen(TextPrompt(f"New label for {entry.key}", entry.label), got)

    def action_recolour(self) -> None:
        entry = self.current
        if entry is None:
            return

        def got(colour: str | None) -> None:
            if colour and colour.upper() != entry.colour.upper():
                self._run(
                    lambda: self.app.project.codebook.recolour(
                        entry.key, colour.strip(), coder=self.app.coder
                    )
                )

        self.app.push_screen(
            TextPrompt(f"Colour of {entry.key} (#RRGGBB)", entry.colour, "#RRGGBB"), got
        )

    def action_describe(self) -> None:
        entry = self.current
        if entry is None:
            return

        def got(text: str | None) -> None:
            if text is not None and text.strip() != entry.description:
                self._run(
                    lambda: self.app.project.codebook.describe(
                        entry.key, text, coder=self.app.coder
                    )
                )

        self.app.push_screen(MemoEditor(f"Description of {entry.key}", entry.description), got)

    def action_move(self, step: int) -> None:
        entry = self.current
        if entry is None:
            return
        self._run(lambda: self.app.project.codebook.move(entry.key, step, coder=self.app.coder))

    def action_reparent(self) -> None:
        entry = self.current
        if entry is None or entry.is_theme:
            self.notify("Highlight a code to move it under a theme or code.", severity="warning")
            return

        def chosen(keys_: list[str] | None) -> None:
            if keys_:
                self._run(
                    lambda: self.app.project.codebook.reparent(
                        entry.key, keys_[0], coder=self.app.coder
                    )
                )

        candidates = [e for e in self.app.codes if e.key != entry.key]
        self.app.push_screen(
            CodePicker(candidates, title=f"Move {entry.key} under", multiple=False, themes=True),
            chosen,
        )

    def action_merge(self) -> None:
        entry = self.current
        if entry is None or entry.is_theme:
            self.notify("Highlight a code to merge it into another.", severity="warning")
            return

        def chosen(keys_: list[str] | None) -> None:
            if not keys_:
                return
            target = keys_[0]

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._run(
                        lambda: self.app.project.codebook.merge(
                            entry.key, target, coder=self.app.coder
                        ),
                        keep=target,
                    )

            self.app.push_screen(
                Confirm(
                    f"Merge {entry.key} ({self.totals[entry.key]} codings) into {target}? "
                    f"{entry.key} is removed."
                ),
                confirmed,
            )

        candidates = [e for e in self.app.codes if e.key != entry.key]
        self.app.push_screen(
            CodePicker(candidates, title=f"Merge {entry.key} into", multiple=False), chosen
        )

    def action_write(self) -> None:
        path = self.app.project.queries.info().codebook_path
        if not path:
            self.notify("This project has no codebook file to write to.", severity="error")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                try:
                    written = self.app.project.codebook.write_back()
                except ProjectError as exc:
                    self.notify(str(exc), severity="error")
                    return
                self.notify(f"Wrote {written}.")

        self.app.push_screen(Confirm(f"Write the codebook to {path}?"), confirmed)

    def action_undo(self) -> None:
        event = self.app.project.undo(coder=self.app.coder)
        self.notify(f"Undone: {event.summary}" if event else "Nothing to undo.")
        self.load()

    def action_redo(self) -> None:
        event = self.app.project.redo(coder=self.app.coder)
        self.notify(f"Redone: {event.summary}" if event else "Nothing to redo.")
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
