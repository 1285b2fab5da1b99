"""What the screens read, in the shape they show it, from the core queries.

Writes never happen here: they go through the project's services.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.queries.codings import QuoteRow
from qualcoder_vs.core.views import CodeView
from qualcoder_vs.tui.layout import TurnInfo
from qualcoder_vs.tui.marks import Mark, mark_of

__all__ = ["CodeEntry", "QuoteRow", "TranscriptDoc"]

CodeEntry = CodeView
"""A theme or code in display order: the core code tree's own view."""


@dataclass(frozen=True, slots=True)
class TranscriptDoc:
    source_id: uuid.UUID
    name: str
    text: str
    turns: list[TurnInfo]


def load_transcript(project: Project, source_id: uuid.UUID) -> TranscriptDoc:
    source = project.queries.source_by_id(source_id)
    turns = [
        TurnInfo(t.seq, t.start, t.end, t.speaker, t.role, t.start_ms)
        for t in project.queries.turns(source_id)
    ]
    if not turns and source.text:
        turns = [TurnInfo(0, 0, len(source.text), "", "", None)]
    return TranscriptDoc(source_id, source.name, source.text, turns)


def load_marks(project: Project, source_id: uuid.UUID, coder: str | None = None) -> list[Mark]:
    """The source's placed codings, only those of ``coder`` when given."""
    return [mark_of(view, view.colour) for view in project.queries.marks(source_id, coder)]


def code_counts(project: Project, source_id: uuid.UUID | None) -> tuple[Counter[str], Counter[str]]:
    """Codings per code key: in ``source_id`` and in the whole project."""
    return project.queries.code_counts(source_id)


def codings_per_coder(project: Project) -> dict[uuid.UUID, Counter[str]]:
    return project.queries.codings_per_coder()


def recent_codes(project: Project, coder: str, limit: int) -> list[str]:
    """The codes this coder applied last, newest first: number keys keep their meaning from one
    session to the next."""
    return project.queries.recent_codes(coder, limit)


def coder_names(project: Project) -> list[str]:
    return project.queries.coder_names()


def load_quotes(project: Project, code_keys: list[str]) -> list[QuoteRow]:
    """Every coding of the given codes, in source order, with speaker and attributes."""
    return project.queries.quote_rows(code_keys)


def load_codes(project: Project) -> list[CodeEntry]:
    return list(project.queries.codes())
