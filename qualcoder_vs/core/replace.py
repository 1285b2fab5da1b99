"""Replace a transcript's text with a corrected version, keeping every coding.

Each coding is looked for in the new text with ``anchors.relocate`` (exact, then between its
old prefix and suffix, then fuzzy above ``anchors.FUZZY_THRESHOLD``). A coding that cannot be
placed is kept with ``placed=False`` and its old quote, so nothing a researcher did is lost; it
is listed in the output and by ``qvs codings --unplaced``. Text, turns, speakers and codings
change in one action of the sources service: one transaction and one event that ``qvs undo``
reverts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core.anchors import Anchor, make_anchor, relocate
from qualcoder_vs.core.models import Coding, Source
from qualcoder_vs.core.rows import add_turns
from qualcoder_vs.core.transcript import ParsedTranscript


@dataclass(frozen=True, slots=True)
class MovedCoding:
    """One coding after the replacement; ``method`` is None when it could not be placed."""

    id: uuid.UUID
    code: str
    quote: str
    method: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReplaceReport:
    source: str
    filename: str
    codings: list[MovedCoding]

    @property
    def unplaced(self) -> list[MovedCoding]:
        return [c for c in self.codings if c.method is None]

    def placed_by(self, method: str) -> int:
        return sum(1 for c in self.codings if c.method == method)


def _move(coding: Coding, old_text: str, new_text: str) -> MovedCoding:
    """Place one coding in the new text, updating it in the session."""
    anchor = Anchor(coding.quote, coding.prefix, coding.suffix)
    near = coding.start * len(new_text) // max(len(old_text), 1)
    placement = relocate(anchor, new_text, near)
    if placement is None:
        coding.placed = False
        # Offsets stay inside the new text so every reader can slice safely; the old quote,
        # prefix and suffix stay as they were, so a later correction can still place it.
        coding.start = min(coding.start, max(len(new_text) - 1, 0))
        coding.end = min(max(coding.end, coding.start + 1), len(new_text))
        return MovedCoding(coding.id, coding.code.key, anchor.quote, None, coding.start, coding.end)
    moved = make_anchor(new_text, placement.start, placement.end)
    coding.start, coding.end = placement.start, placement.end
    coding.quote, coding.prefix, coding.suffix = moved.quote, moved.prefix, moved.suffix
    coding.placed = True
    return MovedCoding(
        coding.id, coding.code.key, anchor.quote, placement.method, coding.start, coding.end
    )


def _replace_turns(session: Session, source: Source, parsed: ParsedTranscript) -> None:
    """New turns; speakers are kept by name (with their role), new names get a guessed role,
    and speakers left without turns are removed."""
    for turn in list(source.turns):
        session.delete(turn)
    session.flush()
    speakers = {speaker.name: speaker for speaker in source.speakers}
    used = add_turns(source, parsed.turns, speakers)
    session.flush()
    for name, speaker in speakers.items():
        if name not in used:
            session.delete(speaker)


def replace_in(
    session: Session, source: Source, parsed: ParsedTranscript, filename: str, sha256: str
) -> ReplaceReport:
    """Inside a running action: the new text, turns and speakers, and every coding moved."""
    old_text, new_text = source.text, parsed.text
    codings = session.scalars(
        select(Coding).where(Coding.source_id == source.id).order_by(Coding.start, Coding.end)
    ).all()
    moved = [_move(coding, old_text, new_text) for coding in codings]
    source.text = new_text
    source.word_count = len(new_text.split())
    source.filename = filename
    source.format = parsed.format
    source.encoding = parsed.encoding
    source.sha256 = sha256
    source.attributes = {**parsed.metadata, **(source.attributes or {})}
    _replace_turns(session, source, parsed)
    return ReplaceReport(source.name, filename, moved)
