"""What every query group shares: the store it reads through, and who is looking.

Blind coding is obeyed here, in one place: while the project codes blind, every read of
codings that calls :meth:`QueryGroup.blind_scope` shows the viewer only their own. The faces
say who the viewer is (``project.view_as``); agreement and the review read around it on
purpose, since comparing coders is their point.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from qualcoder_vs.core.models import Coder, Coding, Setting
from qualcoder_vs.core.store import Store

BLIND = "blind"
Query = TypeVar("Query", bound=Select)  # type: ignore[type-arg]


def blind_in(session: Session) -> bool:
    """Is the project coding blind?"""
    row = session.scalars(select(Setting).where(Setting.key == BLIND)).first()
    return bool(row and row.value.get("on"))


class QueryGroup:
    store: Store
    viewer: str | None = None
    """Who reads: while blind, the only coder whose codings they see (None: not known)."""

    def blind_coder(self, session: Session) -> str | None:
        """The coder the viewer is limited to now: themselves while blind, else None."""
        if self.viewer is None or not blind_in(session):
            return None
        return self.viewer

    def blind_scope(self, session: Session, query: Query) -> Query:
        """``query`` (over ``Coding``) limited to the viewer's codings while blind."""
        only = self.blind_coder(session)
        if only is None:
            return query
        return query.where(Coding.coder_id.in_(select(Coder.id).where(Coder.name == only)))
