"""The rows a REFI-QDA project becomes: read first, checked, then written in one action."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from qualcoder_vs.core.services.exchange import NewCoding, NewMemo
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


IMPORTANT_NOTE_TITLE = "Belangrijk citaat"
"""REFI-QDA has no flag for a quote that matters; we link such selections to one shared note of
this name, which other tools show as a note on each of them, and read it back as the flag."""
IMPORTANT_NOTE_TEXT = "Citaten die in qualcoder-vs als belangrijk gemarkeerd zijn."
