"""What core hands out: frozen, session-free views of the project's rows.

No ORM object leaves core. Field names follow the model attributes (``name``, ``text``,
``start``, ``end``, ``seq``, ``key``, ``label``, ``parent_id``, ``colour``, ...), so a reader
that used a row reads its view the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Origin(StrEnum):
    """Where a coding came from."""

    MANUAL = "manual"
    SUGGESTION = "suggestion"
    IMPORT = "import"
    CONSENSUS = "consensus"
    """Written by `qvs consensus` or the review, as the consensus coder."""


@dataclass(frozen=True, slots=True)
class ProjectInfoView:
    id: uuid.UUID
    name: str
    schema_version: int
    created: datetime
    codebook_path: str | None
    language: str
    hidden_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """One entry of the event log."""

    id: int
    time: datetime
    coder: str
    kind: str
    summary: str
    undoable: bool
    undone_by: int | None
    reverts: int | None


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source with its text; ``text`` is what every offset counts."""

    id: uuid.UUID
    name: str
    filename: str
    format: str
    encoding: str
    sha256: str
    text: str
    word_count: int
    attributes: dict[str, str]
    created: datetime


@dataclass(frozen=True, slots=True)
class TurnView:
    """A speaker turn; ``speaker`` is the name ("" without one), ``role`` its role ("" too)."""

    source_id: uuid.UUID
    seq: int
    start: int
    end: int
    start_ms: int | None
    end_ms: int | None
    speaker: str
    role: str

    @property
    def number(self) -> int:
        """The turn as people count it, from 1: "turn 6/42" in the TUI, `qvs turns`."""
        return self.seq + 1


@dataclass(frozen=True, slots=True)
class SpeakerView:
    name: str
    role: str
    turns: int
    words: int


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: uuid.UUID
    name: str
    filename: str
    format: str
    attributes: dict[str, str]
    words: int
    turns: int
    speakers: int
    codings: int
    coded_respondent_turns: int
    respondent_turns: int

    @property
    def progress(self) -> float:
        """Share of respondent turns with at least one coding."""
        return self.coded_respondent_turns / self.respondent_turns if self.respondent_turns else 0.0


@dataclass(frozen=True, slots=True)
class CodingView:
    """A coding as readers need it; ``text`` is the quote, ``prefix``/``suffix`` its anchor."""

    id: uuid.UUID
    source: str
    source_id: uuid.UUID
    start: int
    end: int
    code: str
    code_label: str
    coder: str
    text: str
    memo: str
    important: bool
    origin: str
    placed: bool
    created: datetime
    code_id: uuid.UUID | None = None
    coder_id: uuid.UUID | None = None
    colour: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class CoderView:
    id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class MemoView:
    id: uuid.UUID
    title: str
    text: str
    coder_id: uuid.UUID | None
    source_id: uuid.UUID | None
    code_id: uuid.UUID | None
    created: datetime


@dataclass(frozen=True, slots=True)
class FeedbackView:
    """A suggestion the researcher answered; without ``source_id`` it was about free text
    (and ``source``, the source's name, is empty)."""

    id: uuid.UUID
    source_id: uuid.UUID | None
    source: str
    start: int | None
    end: int | None
    text: str
    code: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class StoredModelView:
    name: str
    data: bytes
    info: dict[str, Any]
    trained: datetime


# -- the code tree ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeView:
    """A theme or a code with its place in the tree: the one code type of reports, TUI, REFI
    and suggestions. ``parent`` and ``theme`` are keys; ``path`` holds the labels from the theme
    down to this code and ``keys_from_theme`` their keys."""

    id: uuid.UUID
    key: str
    label: str
    is_theme: bool
    parent_id: uuid.UUID | None
    parent: str | None
    theme: str
    theme_label: str
    depth: int
    path: tuple[str, ...]
    keys_from_theme: tuple[str, ...]
    colour: str = "#808080"
    description: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    position: int = 0

    @property
    def path_label(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True, slots=True)
class CodeTree:
    """Themes and codes in display order: each parent followed by its children, depth first,
    siblings by position (the order the codebook screen shows and YAML is written in)."""

    codes: tuple[CodeView, ...] = ()
    _by_key: dict[str, CodeView] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update((code.key, code) for code in self.codes)

    def __iter__(self) -> Iterator[CodeView]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __bool__(self) -> bool:
        return bool(self.codes)

    def get(self, key: str) -> CodeView | None:
        return self._by_key.get(key)

    def by_id(self) -> dict[uuid.UUID, CodeView]:
        return {code.id: code for code in self.codes}

    @property
    def themes(self) -> list[CodeView]:
        return [code for code in self.codes if code.is_theme]

    def leaves(self) -> list[CodeView]:
        """Codes (not themes): what can be suggested and counted."""
        return [code for code in self.codes if not code.is_theme]

    def children(self, key: str | None) -> list[CodeView]:
        return [code for code in self.codes if code.parent == key]

    def below(self, keys: Iterable[str]) -> set[str]:
        """The keys of ``keys`` and of every code under them."""
        wanted = set(keys)
        return {c.key for c in self.codes if wanted.intersection(c.keys_from_theme)}


@dataclass(frozen=True, slots=True)
class CodeRow:
    """A code's own fields, as stored: what builds the tree."""

    id: uuid.UUID
    key: str
    label: str
    is_theme: bool
    parent_id: uuid.UUID | None
    colour: str
    description: str
    include: Sequence[str]
    exclude: Sequence[str]
    keywords: Sequence[str]
    examples: Sequence[str]
    position: int


def build_tree(rows: Sequence[CodeRow]) -> CodeTree:
    """The one walk of the code tree; a code whose parent is missing is placed at the top."""
    known = {row.id for row in rows}
    children: dict[uuid.UUID | None, list[CodeRow]] = {}
    for row in sorted(rows, key=lambda r: (r.position, r.key)):
        parent = row.parent_id if row.parent_id in known else None
        children.setdefault(parent, []).append(row)
    views: list[CodeView] = []

    def walk(parent: uuid.UUID | None, line: tuple[CodeRow, ...]) -> None:
        for row in children.get(parent, []):
            chain = (*line, row)
            theme = chain[0]
            views.append(
                CodeView(
                    id=row.id,
                    key=row.key,
                    label=row.label,
                    is_theme=row.is_theme,
                    parent_id=row.parent_id,
                    parent=line[-1].key if line else None,
                    theme=theme.key,
                    theme_label=theme.label,
                    depth=len(line),
                    path=tuple(c.label for c in chain),
                    keys_from_theme=tuple(c.key for c in chain),
                    colour=row.colour,
                    description=row.description or "",
                    include=tuple(row.include or ()),
                    exclude=tuple(row.exclude or ()),
                    keywords=tuple(row.keywords or ()),
                    examples=tuple(row.examples or ()),
                    position=row.position,
                )
            )
            walk(row.id, chain)

    walk(None, ())
    return CodeTree(tuple(views))


@dataclass(frozen=True, slots=True)
class CodebookChanges:
    added: list[str]
    updated: list[str]
    removed: list[str]
    removed_codings: list[CodingView]
