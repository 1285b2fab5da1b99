"""Speaker roles: the one module that knows who interviews and who answers.

The role ``interviewer`` lets suggestions and reports leave the interviewer's turns out; a
turn without a speaker counts as the respondent's (a monologue, a REFI paragraph).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    RESPONDENT = "respondent"


ROLES = tuple(Role)

INTERVIEWER_LABELS = {"i", "int", "interviewer", "interviewster", "onderzoeker", "interviewer 1"}


def guess_role(speaker: str) -> Role:
    """Usual interviewer labels start as interviewer; `qvs speakers --role` corrects the rest."""
    return Role.INTERVIEWER if speaker.strip().lower() in INTERVIEWER_LABELS else Role.RESPONDENT


def is_respondent(role: str | None) -> bool:
    """A turn whose speaker is not the interviewer (no speaker at all counts as respondent)."""
    return role != Role.INTERVIEWER
