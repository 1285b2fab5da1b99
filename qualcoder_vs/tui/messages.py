"""What the screens and workers tell the app, as typed messages.

Screens never reach into the app to make something happen: they post one of these and the
app, which owns the screen stack, the background work and the shared state, decides. Workers
post them from their threads (``post_message`` is thread-safe), so no worker calls back into
a widget.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from textual.message import Message

from qualcoder_vs.nlp.interface import Suggestion


@dataclass
class CodingsChanged(Message):
    """Codings or suggestion feedback were committed; ``used`` are codes just applied (they
    become the recent codes for 1-9). The suggestion model learns once coding pauses."""

    used: tuple[str, ...] = ()


@dataclass
class CodebookChanged(Message):
    """The codebook was edited (or an undo touched it): the app reads the codes again."""


@dataclass
class OpenSource(Message):
    """Show an interview on the coding screen, optionally with a passage selected.
    ``return_here`` keeps the screen that asked (quotes, search hits) underneath, so escape
    returns to it, filter and all."""

    source_id: uuid.UUID
    select: tuple[int, int] | None = None
    return_here: bool = False


@dataclass
class ShowQuotes(Message):
    """Show the quotes of a code or theme (None: ask which)."""

    code: str | None = None


@dataclass
class SuggestionsReady(Message):
    """A worker found suggestions for ``passage`` (described as ``what``)."""

    passage: tuple[int, int]
    what: str
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class ModelLearned(Message):
    """The suggestion model was retrained; ``what`` says from what ("12 codings")."""

    what: str


@dataclass
class WorkFailed(Message):
    """Background work failed; the workbench stays open and says so in the status bar."""

    what: str
    error: str
