"""The codebook: load a YAML codebook, every edit the codebook screen and `qvs codebook` offer,
codes added from another tool, and writing the codebook back to its file.

Order is kept as the ``position`` of every theme and code in display order (a theme, then its
codes depth first), the order the code tree is read in and YAML is written back in.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.codebook import COLOUR_PATTERN, ID_PATTERN, Codebook, dump_codebook
from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.models import Code, Coding, Memo, SuggestionFeedback
from qualcoder_vs.core.services.base import Service
from qualcoder_vs.core.views import CodebookChanges

LAST = 1_000_000
"""A position after every other: the code goes after its siblings until renumbered."""


@dataclass(frozen=True, slots=True)
class NewCode:
    """A code to add as it is (from another tool): its own id, its parent's id."""

    id: uuid.UUID
    key: str
    label: str
    is_theme: bool
    parent_id: uuid.UUID | None
    colour: str = "#808080"
    description: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


def _renumber(session: Session) -> None:
    """Positions in display order again, after an edit placed a code out of order."""
    codes = {code.id: code for code in session.scalars(select(Code))}
    for position, view in enumerate(rows.code_tree_in(session)):
        code = codes[view.id]
        if code.position != position:
            code.position = position


def _same_parent(code: Code) -> object:
    if code.parent_id is None:
        return Code.parent_id.is_(None)
    return Code.parent_id == code.parent_id


def check_colour(colour: str) -> None:
    if not COLOUR_PATTERN.match(colour):
        raise ProjectError(f"bad colour '{colour}': use #RRGGBB")


def next_position(session: Session) -> int:
    highest = session.scalar(select(func.max(Code.position)))
    return 0 if highest is None else highest + 1


class CodebookService(Service):
    def load(
        self, book: Codebook, *, coder: str, path: str | None = None, force: bool = False
    ) -> CodebookChanges:
        """Bring the project's codes in line with ``book`` by id; codings are never touched
        except those of removed codes, and those only with ``force``."""
        with self.store.action("codebook.load", f"load codebook {book.name}", coder) as session:
            existing = {c.key: c for c in session.scalars(select(Code))}
            wanted = {spec.key for spec in book.entries}
            gone = [code for key, code in existing.items() if key not in wanted]
            gone_ids = [c.id for c in gone]
            doomed = (
                list(session.scalars(select(Coding).where(Coding.code_id.in_(gone_ids))))
                if gone_ids
                else []
            )
            doomed_views = [rows.coding_view(session, c) for c in doomed]
            if doomed and not force:
                counts: dict[str, int] = {}
                for view in doomed_views:
                    counts[view.code] = counts.get(view.code, 0) + 1
                listed = ", ".join(f"{k} ({n} codings)" for k, n in sorted(counts.items()))
                raise ProjectError(
                    f"the codebook removes codes that have codings: {listed}; "
                    "use --force to remove them with their codings"
                )
            added, updated = [], []
            for position, spec in enumerate(book.entries):
                code = existing.get(spec.key)
                fields = {
                    "label": spec.label,
                    "is_theme": spec.is_theme,
                    "colour": spec.colour,
                    "description": spec.description,
                    "include": list(spec.include),
                    "exclude": list(spec.exclude),
                    "keywords": list(spec.keywords),
                    "examples": list(spec.examples),
                    "position": position,
                }
                if code is None:
                    code = rows.code_row(key=spec.key, parent_id=None, **fields)  # type: ignore[arg-type]
                    session.add(code)
                    existing[spec.key] = code
                    added.append(spec.key)
                else:
                    changed = [k for k, v in fields.items() if getattr(code, k) != v]
                    for k in changed:
                        setattr(code, k, fields[k])
                    if any(k != "position" for k in changed):
                        updated.append(spec.key)
            session.flush()
            for spec in book.entries:
                parent_id = existing[spec.parent].id if spec.parent else None
                code = existing[spec.key]
                if code.parent_id != parent_id:
                    code.parent_id = parent_id
                    if spec.key not in added and spec.key not in updated:
                        updated.append(spec.key)
            for coding in doomed:
                session.delete(coding)
            for code in gone:
                code.parent_id = None
            session.flush()
            for code in gone:
                session.delete(code)
            info = rows.info_in(session)
            info.language = book.language
            if path is not None:
                info.codebook_path = path
        return CodebookChanges(added, updated, [c.key for c in gone], doomed_views)

    # -- edits -------------------------------------------------------------------------------

    def add_code(
        self,
        *,
        coder: str,
        key: str,
        label: str,
        parent: str,
        colour: str = "#808080",
        description: str = "",
    ) -> None:
        """A new code under ``parent`` (a theme or a code), placed after its siblings."""
        self._add(coder, key, label, colour, description, parent)

    def add_theme(self, *, coder: str, key: str, label: str, colour: str = "#808080") -> None:
        self._add(coder, key, label, colour, "", None)

    def _add(
        self, coder: str, key: str, label: str, colour: str, description: str, parent: str | None
    ) -> None:
        """A new theme (``parent`` None) or code: one path for both, so a theme's id, label and
        colour are checked exactly as a code's are."""
        kind = "theme" if parent is None else "code"
        key, label = key.strip(), label.strip()
        if not ID_PATTERN.match(key):
            raise ProjectError(f"bad id '{key}': use lower case letters, digits and _")
        if not label:
            raise ProjectError(f"a {kind} needs a label")
        check_colour(colour)
        with self.store.action("codebook.add", f"add {kind} {key}", coder) as session:
            if session.scalars(select(Code).where(Code.key == key)).first() is not None:
                raise ProjectError(f"a code with id '{key}' already exists")
            parent_id = None if parent is None else rows.code_in(session, parent).id
            session.add(
                rows.code_row(
                    key=key,
                    label=label,
                    is_theme=parent is None,
                    parent_id=parent_id,
                    colour=colour.upper(),
                    description=description,
                    position=LAST,
                )
            )
            session.flush()
            _renumber(session)

    def rename(self, key: str, label: str, *, coder: str) -> None:
        """A new label; the id stays, so codings and reports keep pointing at the code."""
        label = label.strip()
        if not label:
            raise ProjectError("a code needs a label")
        with self.store.action("codebook.rename", f"rename {key} to {label}", coder) as session:
            rows.code_in(session, key).label = label

    def recolour(self, key: str, colour: str, *, coder: str) -> None:
        check_colour(colour)
        summary = f"recolour {key} to {colour}"
        with self.store.action("codebook.recolour", summary, coder) as session:
            rows.code_in(session, key).colour = colour.upper()

    def describe(self, key: str, description: str, *, coder: str) -> None:
        with self.store.action("codebook.describe", f"describe {key}", coder) as session:
            rows.code_in(session, key).description = description.strip()

    def move(self, key: str, step: int, *, coder: str) -> bool:
        """Swap a code (or theme) with its neighbour among its siblings; False at either end."""
        with self.store.action("codebook.move", f"move {key}", coder) as session:
            code = rows.code_in(session, key)
            siblings = sorted(
                session.scalars(select(Code).where(_same_parent(code))),  # type: ignore[arg-type]
                key=lambda c: (c.position, c.key),
            )
            index = siblings.index(code)
            other = index + step
            if not 0 <= other < len(siblings):
                return False
            neighbour = siblings[other]
            code.position, neighbour.position = neighbour.position, code.position
            session.flush()
            _renumber(session)
            return True

    def reparent(self, key: str, parent: str, *, coder: str) -> None:
        """Move a code under another theme or code, after its new siblings."""
        with self.store.action("codebook.move", f"move {key} under {parent}", coder) as session:
            code = rows.code_in(session, key)
            target = rows.code_in(session, parent)
            if code.is_theme:
                raise ProjectError(f"'{key}' is a theme; themes stay at the top level")
            ancestor: Code | None = target
            while ancestor is not None:
                if ancestor.id == code.id:
                    raise ProjectError(f"cannot move '{key}' under its own sub-code '{parent}'")
                ancestor = session.get(Code, ancestor.parent_id) if ancestor.parent_id else None
            code.parent_id = target.id
            code.position = LAST
            session.flush()
            _renumber(session)

    def merge(self, key: str, into: str, *, coder: str) -> int:
        """Give every coding of ``key`` to ``into`` and remove ``key``; returns the codings moved.

        A coding that ``into`` already has on the same passage by the same coder is folded into
        that one (memo joined, important kept) instead of doubled.
        """
        if key == into:
            raise ProjectError("a code cannot be merged into itself")
        with self.store.action("codebook.merge", f"merge {key} into {into}", coder) as session:
            code = rows.code_in(session, key)
            target = rows.code_in(session, into)
            if code.is_theme:
                raise ProjectError(f"'{key}' is a theme; merge its codes one by one")
            existing = {
                (c.source_id, c.coder_id, c.start, c.end): c
                for c in session.scalars(select(Coding).where(Coding.code_id == target.id))
            }
            moved = 0
            for coding in list(session.scalars(select(Coding).where(Coding.code_id == code.id))):
                twin = existing.get((coding.source_id, coding.coder_id, coding.start, coding.end))
                if twin is None:
                    coding.code_id = target.id
                else:
                    if coding.memo and coding.memo not in twin.memo:
                        twin.memo = f"{twin.memo}\n{coding.memo}".strip()
                    twin.important = twin.important or coding.important
                    session.delete(coding)
                moved += 1
            feedback = select(SuggestionFeedback).where(SuggestionFeedback.code_id == code.id)
            for row in list(session.scalars(feedback)):
                row.code_id = target.id
            for memo in session.scalars(select(Memo).where(Memo.code_id == code.id)):
                memo.code_id = target.id
            for child in session.scalars(select(Code).where(Code.parent_id == code.id)):
                child.parent_id = target.id
            session.flush()
            session.delete(code)
            session.flush()
            _renumber(session)
            return moved

    def add_codes(self, codes: Sequence[NewCode], *, coder: str, summary: str) -> None:
        """Codes from another tool, with their own ids, after every code there is, in one
        action; parents come before their children in ``codes``."""
        with self.store.action("codebook.import", summary, coder) as session:
            add_new_codes(session, codes)

    def write_back(self) -> Path:
        """Write the project's codebook to the YAML file it was loaded from."""
        from qualcoder_vs.core.queries import Queries

        queries = Queries(self.store)
        path = queries.info().codebook_path
        if not path:
            raise ProjectError(
                "this project has no codebook file; load one with `qvs codebook load FILE` first"
            )
        target = Path(path)
        try:
            target.write_text(dump_codebook(queries.codebook()), encoding="utf-8")
        except OSError as exc:
            raise ProjectError(f"{target}: cannot write ({exc.strerror})") from None
        return target


def add_new_codes(session: Session, codes: Sequence[NewCode]) -> None:
    """Inside a running action: ``codes`` after every code there is."""
    first = next_position(session)
    for n, new in enumerate(codes):
        session.add(
            rows.code_row(
                id=new.id,
                key=new.key,
                label=new.label,
                is_theme=new.is_theme,
                parent_id=new.parent_id,
                colour=new.colour,
                description=new.description,
                include=new.include,
                exclude=new.exclude,
                keywords=new.keywords,
                examples=new.examples,
                position=first + n,
            )
        )
    session.flush()
