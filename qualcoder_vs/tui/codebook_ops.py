"""Codebook edits the Codebook screen offers: each one is one ``project.action``, so undoable.

Order is kept as the ``position`` of every theme and code in display order (a theme, then its
codes depth first), the same order ``Project.codebook`` writes back to YAML.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core.codebook import COLOUR_PATTERN, ID_PATTERN, CodebookError
from qualcoder_vs.core.codebook_writer import write_codebook
from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.models import Code, Coding, Memo, SuggestionFeedback
from qualcoder_vs.core.project import Project


def display_order(codes: list[Code]) -> list[tuple[Code, int]]:
    """Codes with their depth, each parent followed by its children, siblings by position."""
    children: dict[uuid.UUID | None, list[Code]] = {}
    for code in sorted(codes, key=lambda c: (c.position, c.key)):
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[tuple[Code, int]] = []

    def walk(parent: uuid.UUID | None, depth: int) -> None:
        for code in children.get(parent, []):
            ordered.append((code, depth))
            walk(code.id, depth + 1)

    walk(None, 0)
    return ordered


def _renumber(session: Session) -> None:
    for position, (code, _) in enumerate(display_order(list(session.scalars(select(Code))))):
        if code.position != position:
            code.position = position


def add_code(
    project: Project,
    *,
    coder: str,
    key: str,
    label: str,
    parent: str,
    colour: str = "#808080",
    description: str = "",
) -> None:
    """A new code under ``parent`` (a theme or a code), placed after its siblings."""
    _add(
        project,
        coder=coder,
        key=key,
        label=label,
        colour=colour,
        description=description,
        parent=parent,
    )


def add_theme(project: Project, *, coder: str, key: str, label: str, colour: str) -> None:
    _add(project, coder=coder, key=key, label=label, colour=colour, description="", parent=None)


def _add(
    project: Project,
    *,
    coder: str,
    key: str,
    label: str,
    colour: str,
    description: str,
    parent: str | None,
) -> None:
    """A new theme (``parent`` None) or code, placed after its siblings: one path for both, so
    a theme's id, label and colour are checked exactly as a code's are."""
    kind = "theme" if parent is None else "code"
    key, label = key.strip(), label.strip()
    if not ID_PATTERN.match(key):
        raise ProjectError(f"bad id '{key}': use lower case letters, digits and _")
    if not label:
        raise ProjectError(f"a {kind} needs a label")
    _check_colour(colour)
    with project.action("codebook.add", f"add {kind} {key}", coder) as session:
        if session.scalars(select(Code).where(Code.key == key)).first() is not None:
            raise ProjectError(f"a code with id '{key}' already exists")
        parent_id = None if parent is None else project.code_in(session, parent).id
        session.add(
            Code(
                key=key,
                label=label,
                is_theme=parent is None,
                parent_id=parent_id,
                colour=colour.upper(),
                description=description,
                include=[],
                exclude=[],
                keywords=[],
                examples=[],
                position=1_000_000,
            )
        )
        session.flush()
        _renumber(session)


def rename(project: Project, key: str, label: str, *, coder: str) -> None:
    """A new label; the id stays, so codings and reports keep pointing at the code."""
    label = label.strip()
    if not label:
        raise ProjectError("a code needs a label")
    with project.action("codebook.rename", f"rename {key} to {label}", coder) as session:
        project.code_in(session, key).label = label


def recolour(project: Project, key: str, colour: str, *, coder: str) -> None:
    _check_colour(colour)
    with project.action("codebook.recolour", f"recolour {key} to {colour}", coder) as session:
        project.code_in(session, key).colour = colour.upper()


def describe(project: Project, key: str, description: str, *, coder: str) -> None:
    with project.action("codebook.describe", f"describe {key}", coder) as session:
        project.code_in(session, key).description = description.strip()


def move(project: Project, key: str, step: int, *, coder: str) -> bool:
    """Swap a code (or theme) with its neighbour among its siblings; False at either end."""
    with project.action("codebook.move", f"move {key}", coder) as session:
        code = project.code_in(session, key)
        siblings = sorted(
            session.scalars(select(Code).where(_same_parent(code))),
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


def reparent(project: Project, key: str, parent: str, *, coder: str) -> None:
    """Move a code under another theme or code, after its new siblings."""
    with project.action("codebook.move", f"move {key} under {parent}", coder) as session:
        code = project.code_in(session, key)
        target = project.code_in(session, parent)
        if code.is_theme:
            raise ProjectError(f"'{key}' is a theme; themes stay at the top level")
        ancestor: Code | None = target
        while ancestor is not None:
            if ancestor.id == code.id:
                raise ProjectError(f"cannot move '{key}' under its own sub-code '{parent}'")
            ancestor = session.get(Code, ancestor.parent_id) if ancestor.parent_id else None
        code.parent_id = target.id
        code.position = 1_000_000
        session.flush()
        _renumber(session)


def merge(project: Project, key: str, into: str, *, coder: str) -> int:
    """Give every coding of ``key`` to ``into`` and remove ``key``; returns the codings moved.

    A coding that ``into`` already has on the same passage by the same coder is folded into that
    one (memo joined, important kept) instead of doubled.
    """
    if key == into:
        raise ProjectError("a code cannot be merged into itself")
    with project.action("codebook.merge", f"merge {key} into {into}", coder) as session:
        code = project.code_in(session, key)
        target = project.code_in(session, into)
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
        for row in list(
            session.scalars(select(SuggestionFeedback).where(SuggestionFeedback.code_id == code.id))
        ):
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


def write_back(project: Project) -> Path:
    """Write the project's codebook to the YAML file it was loaded from, changing only what
    was edited (its comments and order stay)."""
    path = project.info().codebook_path
    if not path:
        raise ProjectError(
            "this project has no codebook file; load one with `qvs codebook load FILE` first"
        )
    target = Path(path)
    try:
        write_codebook(project.codebook(), target)
    except CodebookError as exc:
        raise ProjectError(str(exc)) from None
    return target


def _same_parent(code: Code) -> object:
    if code.parent_id is None:
        return Code.parent_id.is_(None)
    return Code.parent_id == code.parent_id


def _check_colour(colour: str) -> None:
    if not COLOUR_PATTERN.match(colour):
        raise ProjectError(f"bad colour '{colour}': use #RRGGBB")
