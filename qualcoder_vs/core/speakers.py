"""Speakers of one source: list them, rename or merge them, and mark who interviews.

Transcripts label people inconsistently (``PAUL F. DANYOW ’16`` and later ``DANYOW``; ``R`` in
one file and a name in another), so renaming to a name that already exists merges the two:
their turns become one speaker's. The role ``interviewer`` lets suggestions and reports leave
the interviewer's turns out. Every change is one action, undoable like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core.database import NotFoundError, ProjectError
from qualcoder_vs.core.models import Source, Speaker, Turn
from qualcoder_vs.core.project import Project

ROLES = ("interviewer", "respondent")


@dataclass(frozen=True, slots=True)
class SpeakerView:
    name: str
    role: str
    turns: int
    words: int


def _speakers_in(session: Session, source: Source) -> dict[str, Speaker]:
    return {
        speaker.name: speaker
        for speaker in session.scalars(select(Speaker).where(Speaker.source_id == source.id))
    }


def _find(speakers: dict[str, Speaker], name: str, source: Source) -> Speaker:
    speaker = speakers.get(name)
    if speaker is None:
        known = ", ".join(sorted(speakers)) or "none"
        raise NotFoundError(f"no speaker '{name}' in {source.name} (speakers: {known})")
    return speaker


def list_speakers(project: Project, source_ref: str) -> list[SpeakerView]:
    """Speakers in order of first appearance, with their turns and words."""
    with project.read() as session:
        source = project.source_in(session, source_ref)
        speakers = sorted(_speakers_in(session, source).values(), key=lambda s: s.name)
        turns = session.scalars(
            select(Turn).where(Turn.source_id == source.id).order_by(Turn.seq)
        ).all()
        first_turn: dict[str, int] = {}
        counts = {speaker.name: [0, 0] for speaker in speakers}
        for turn in turns:
            if turn.speaker is not None:
                first_turn.setdefault(turn.speaker.name, turn.seq)
                counts[turn.speaker.name][0] += 1
                counts[turn.speaker.name][1] += len(source.text[turn.start : turn.end].split())
        speakers.sort(key=lambda s: first_turn.get(s.name, len(turns)))
        return [SpeakerView(s.name, s.role, *counts[s.name]) for s in speakers]


def change_speakers(
    project: Project,
    source_ref: str,
    *,
    renames: Sequence[tuple[str, str]] = (),
    roles: Sequence[tuple[str, str]] = (),
    coder: str,
) -> list[str]:
    """Rename (or merge) speakers, then set roles, all in one action; what changed, in words.

    Roles name speakers as they are called after the renames.
    """
    for _, role in roles:
        if role not in ROLES:
            raise ProjectError(f"unknown role '{role}'; choose {' or '.join(ROLES)}")
    for old, new in renames:
        if not new.strip():
            raise ProjectError(f"give a new name for '{old}'")
    done: list[str] = []
    name = project.source(source_ref).name
    with project.action("speakers.change", f"change speakers of {name}", coder) as session:
        source = project.source_in(session, source_ref)
        for old, new in renames:
            new = " ".join(new.split())
            speakers = _speakers_in(session, source)
            speaker = _find(speakers, old, source)
            if new == old:
                continue
            target = speakers.get(new)
            if target is None:
                speaker.name = new
                done.append(f"renamed {old} to {new}")
                continue
            moved = session.scalars(select(Turn).where(Turn.speaker_id == speaker.id)).all()
            for turn in moved:
                turn.speaker = target
            session.flush()
            session.delete(speaker)
            done.append(f"merged {old} into {new} ({len(moved)} turns)")
        session.flush()
        for speaker_name, role in roles:
            speaker = _find(_speakers_in(session, source), speaker_name, source)
            if speaker.role != role:
                speaker.role = role
                done.append(f"{speaker_name} is now {role}")
    return done
