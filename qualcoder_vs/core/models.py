"""The project's tables as SQLAlchemy 2 typed models; portable SQL only, so PostgreSQL works too."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 1


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class ProjectInfo(Base):
    """One row: what makes a database a qualcoder-vs project, and which schema it has."""

    __tablename__ = "project"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    schema_version: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    codebook_path: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10), default="nl")
    hidden_names: Mapped[list[str]] = mapped_column(default=list)


class Coder(Base):
    __tablename__ = "coder"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Source(Base):
    """An interview transcript; ``text`` is normalised once at import and is what offsets count."""

    __tablename__ = "source"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    filename: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(40))
    encoding: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    turns: Mapped[list[Turn]] = relationship(
        back_populates="source", order_by="Turn.seq", cascade="all, delete-orphan"
    )
    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="source", cascade="all, delete-orphan"
    )


class Speaker(Base):
    """A person as labelled in one source; ``role`` lets reports and suggestions skip them."""

    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("source_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40), default="respondent")

    source: Mapped[Source] = relationship(back_populates="speakers")


class Turn(Base):
    """A speaker turn: ``[start, end)`` code points of its source's text."""

    __tablename__ = "turn"
    __table_args__ = (Index("ix_turn_source_seq", "source_id", "seq"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL")
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[int | None] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)

    source: Mapped[Source] = relationship(back_populates="turns")
    speaker: Mapped[Speaker | None] = relationship(lazy="joined")


class Code(Base):
    """A theme (``parent_id`` None) or a code; ``key`` is the short id that survives renames."""

    __tablename__ = "code"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    label: Mapped[str] = mapped_column(String(300))
    is_theme: Mapped[bool] = mapped_column(Boolean, default=False)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("code.id"))
    colour: Mapped[str] = mapped_column(String(7), default="#808080")
    description: Mapped[str] = mapped_column(Text, default="")
    include: Mapped[list[str]] = mapped_column(default=list)
    exclude: Mapped[list[str]] = mapped_column(default=list)
    keywords: Mapped[list[str]] = mapped_column(default=list)
    examples: Mapped[list[str]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Coding(Base):
    """A code on ``[start, end)`` of a source, with the quote and context to find it again."""

    __tablename__ = "coding"
    __table_args__ = (
        Index("ix_coding_source_start", "source_id", "start"),
        Index("ix_coding_code", "code_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    code_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("code.id"))
    coder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coder.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    memo: Mapped[str] = mapped_column(Text, default="")
    important: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(20), default="manual")
    placed: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source] = relationship(lazy="raise")
    code: Mapped[Code] = relationship(lazy="joined")
    coder: Mapped[Coder] = relationship(lazy="joined")


class Memo(Base):
    """A free memo about the project, a source or a code (coding memos live on the coding)."""

    __tablename__ = "memo"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("coder.id"))
    source_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    code_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionFeedback(Base):
    """A suggestion the researcher rejected (or accepted): negatives teach the classifier."""

    __tablename__ = "suggestion_feedback"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    code_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"))
    accepted: Mapped[bool] = mapped_column(Boolean)
    coder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("coder.id"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredModel(Base):
    """A learned model kept in the project so the whole team shares it."""

    __tablename__ = "stored_model"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    info: Mapped[dict[str, Any]] = mapped_column(default=dict)
    trained: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SourceAnalysis(Base):
    """A source's turns as the suggestion pipeline analysed them (a spaCy ``DocBin``), so a
    corpus pass reads tokens and lemmas instead of parsing again. Derived data: ``key`` names
    the texts and the pipeline it was made from, and a row whose key no longer matches (the
    source was replaced, its speakers changed, the pipeline changed) is analysed again."""

    __tablename__ = "source_analysis"

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Setting(Base):
    """A project setting the whole team shares, by key (``blind``: each coder sees only their
    own codings); a row so that changing it is an event that undo reverts."""

    __tablename__ = "setting"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ConsensusDecision(Base):
    """How the team settled one disagreement: on ``[start, end)`` the consensus coder's
    codings of the code are those of ``choice`` (a coder's name, ``all``, ``none`` or
    ``edit``). Kept so the review knows what is settled, also when the choice wrote nothing."""

    __tablename__ = "consensus_decision"
    __table_args__ = (Index("ix_consensus_decision_source", "source_id", "start"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    code_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"))
    coder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coder.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    choice: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


TEAM_TABLES = (Setting.__table__, ConsensusDecision.__table__)
"""Added after schema 1 without a version bump: created on open when a project lacks them."""


class Event(Base):
    """Append-only log: one row per user action, holding the row changes that undo and redo replay.

    ``id`` is an integer so events have a total order; ``undone_by`` points at the undo event
    while the action is undone, which is all the state undo and redo need.
    """

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    coder: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    undoable: Mapped[bool] = mapped_column(Boolean, default=True)
    undone_by: Mapped[int | None] = mapped_column(Integer)
    reverts: Mapped[int | None] = mapped_column(Integer)
