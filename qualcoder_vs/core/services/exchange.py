"""A project from another tool (REFI-QDA) stored into ours: one action, so it is one undoable
event and either all of it lands or none of it does.

``refi`` reads and checks the file and hands over plain objects with their own ids; this
service only writes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.models import Coder, Coding, Memo, Source, Turn, utcnow
from qualcoder_vs.core.services.base import Service
from qualcoder_vs.core.services.codebook import NewCode, add_new_codes
from qualcoder_vs.core.views import Origin


@dataclass(frozen=True, slots=True)
class NewSource:
    id: uuid.UUID
    name: str
    filename: str
    format: str
    encoding: str
    sha256: str
    text: str
    attributes: dict[str, str]
    turns: Sequence[tuple[int, int]]
    """``[start, end)`` of each turn (or paragraph), without speakers."""


@dataclass(slots=True)
class NewCoding:
    """A coding with its own id; refi plans them and merges duplicates in place."""

    id: uuid.UUID
    source_id: uuid.UUID
    code_id: uuid.UUID
    coder: str
    start: int
    end: int
    memo: str
    important: bool
    created: datetime | None


@dataclass(slots=True)
class NewMemo:
    id: uuid.UUID
    title: str
    text: str
    coder: str | None
    source_id: uuid.UUID | None
    code_id: uuid.UUID | None
    created: datetime | None


@dataclass(slots=True)
class ProjectImport:
    name: str
    coders: dict[str, uuid.UUID | None] = field(default_factory=dict)
    """Coder name -> the id it came with (None: make one)."""
    codes: list[NewCode] = field(default_factory=list)
    sources: list[NewSource] = field(default_factory=list)
    codings: list[NewCoding] = field(default_factory=list)
    memos: list[NewMemo] = field(default_factory=list)


def _coders(session: Session, wanted: dict[str, uuid.UUID | None]) -> dict[str, Coder]:
    existing = {c.name: c for c in session.scalars(select(Coder))}
    taken_ids = {c.id for c in existing.values()}
    coders: dict[str, Coder] = {}
    for name, guid in wanted.items():
        coder = existing.get(name)
        if coder is None:
            coder_id = guid if guid is not None and guid not in taken_ids else uuid.uuid4()
            taken_ids.add(coder_id)
            coder = Coder(id=coder_id, name=name)
            session.add(coder)
        coders[name] = coder
    session.flush()
    return coders


class ExchangeService(Service):
    def import_project(self, plan: ProjectImport, *, coder: str, summary: str) -> None:
        with self.store.action("refi.import", summary, coder) as session:
            info = rows.info_in(session)
            info.name = plan.name[:200]
            coders = _coders(session, plan.coders)
            add_new_codes(session, plan.codes)
            texts: dict[uuid.UUID, str] = {}
            for planned in plan.sources:
                texts[planned.id] = planned.text
                session.add(
                    Source(
                        id=planned.id,
                        name=planned.name[:300],
                        filename=planned.filename[:500],
                        format=planned.format,
                        encoding=planned.encoding,
                        sha256=planned.sha256,
                        text=planned.text,
                        word_count=len(planned.text.split()),
                        attributes=planned.attributes,
                    )
                )
            session.flush()
            for planned in plan.sources:
                session.add_all(
                    Turn(source_id=planned.id, seq=seq, start=start, end=end)
                    for seq, (start, end) in enumerate(planned.turns)
                )
            now = utcnow()
            for new in plan.codings:
                anchor = make_anchor(texts[new.source_id], new.start, new.end)
                session.add(
                    Coding(
                        id=new.id,
                        source_id=new.source_id,
                        code_id=new.code_id,
                        coder_id=coders[new.coder].id,
                        start=new.start,
                        end=new.end,
                        quote=anchor.quote,
                        prefix=anchor.prefix,
                        suffix=anchor.suffix,
                        memo=new.memo,
                        important=new.important,
                        origin=Origin.IMPORT.value,
                        created=new.created or now,
                    )
                )
            for memo in plan.memos:
                session.add(
                    Memo(
                        id=memo.id,
                        title=memo.title[:300],
                        text=memo.text,
                        coder_id=coders[memo.coder].id if memo.coder in coders else None,
                        source_id=memo.source_id,
                        code_id=memo.code_id,
                        created=memo.created or now,
                    )
                )
