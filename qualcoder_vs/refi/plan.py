"""The rows a REFI-QDA project becomes: read first, checked, then written in one action."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from qualcoder_vs.core.services.exchange import NewCoding, NewMemo
from qualcoder_vs.core.transcript import ParsedTurn
from qualcoder_vs.refi.codes import CodePlan
from qualcoder_vs.refi.errors import Warnings
from qualcoder_vs.refi.positions import PositionScheme


@dataclass(slots=True)
class PlannedSource:
    id: uuid.UUID
    name: str
    filename: str
    encoding: str
    sha256: str
    text: str
    attributes: dict[str, str]
    scheme: PositionScheme
    format: str = "refi-qda"
    turns: list[ParsedTurn] | None = None
    """Speaker turns from our extras entry; None: the text is cut into paragraphs."""
    speaker_roles: dict[str, str] = field(default_factory=dict)
    created: datetime | None = None


PlannedCoding = NewCoding
PlannedMemo = NewMemo


@dataclass(slots=True)
class ProjectPlan:
    """Everything a REFI-QDA project becomes, ready to be written in one action."""

    name: str
    producer: str
    codes: CodePlan
    sources: list[PlannedSource] = field(default_factory=list)
    codings: list[PlannedCoding] = field(default_factory=list)
    memos: list[PlannedMemo] = field(default_factory=list)
    coders: dict[str, uuid.UUID | None] = field(default_factory=dict)
    """Coder name -> the REFI user GUID it came from (None for the importing coder)."""
    warnings: Warnings = field(default_factory=Warnings)
    language: str | None = None
    hidden_names: list[str] = field(default_factory=list)


IMPORTANT_NOTE_TITLE = "Belangrijk citaat"
"""REFI-QDA has no flag for a quote that matters; we link such selections to one shared note of
this name, which other tools show as a note on each of them, and read it back as the flag."""
IMPORTANT_NOTE_TEXT = "Citaten die in qualcoder-vs als belangrijk gemarkeerd zijn."
PROJECT_USER_NAME = "qualcoder-vs"
"""The REFI user of notes no coder wrote (a project description, say); our reader takes it back
as "no coder" so it never becomes one."""
IMPORTANT_MARK = "★ " + IMPORTANT_NOTE_TITLE
"""The last line of an important coding's ``Description``: tools that read only a selection's
description (QualCoder, ATLAS.ti) show it in the coding's memo; our reader takes it back off
and sets the flag, also when another tool dropped the note reference on a re-export."""


def selection_description(memo: str, *, important: bool) -> str:
    """A coding's memo as its selection's ``Description``, with the important mark."""
    memo = memo.strip()
    if not important:
        return memo
    return f"{memo}\n\n{IMPORTANT_MARK}" if memo else IMPORTANT_MARK


def split_important_mark(description: str) -> tuple[str, bool]:
    """The inverse of :func:`selection_description`: the memo, and whether it was marked."""
    text = description.rstrip()
    if text == IMPORTANT_MARK or text.endswith("\n" + IMPORTANT_MARK):
        return text[: -len(IMPORTANT_MARK)].rstrip(), True
    return description, False
