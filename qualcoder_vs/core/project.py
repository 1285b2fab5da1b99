"""The project facade: the one door through which the CLI, the TUI and every tool reach the data.

Each user action goes through :meth:`Project.action`: one session, one transaction, one event
in the log. Readers use :meth:`Project.read`, which hands out objects that stay usable after
the session closes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from qualcoder_vs.core import events
from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.codebook import Codebook, CodeSpec
from qualcoder_vs.core.database import (
    NotFoundError,
    ProjectError,
    check_sqlite_project_file,
    has_project_table,
    is_url,
    make_engine,
)
from qualcoder_vs.core.models import (
    SCHEMA_VERSION,
    TEAM_TABLES,
    Base,
    Code,
    Coder,
    Coding,
    Event,
    ProjectInfo,
    Source,
    Speaker,
    Turn,
)
from qualcoder_vs.importers.base import ParsedTranscript, ParsedTurn

ORIGINS = ("manual", "suggestion", "import", "consensus")


@dataclass(frozen=True, slots=True)
class CodingView:
    """A coding as readers need it, detached from any session."""

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
class CodebookChanges:
    added: list[str]
    updated: list[str]
    removed: list[str]
    removed_codings: list[CodingView]


class Project:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, location: str | Path, name: str | None = None) -> Project:
        location = str(location)
        if not is_url(location) and Path(location).exists():
            raise ProjectError(f"{location}: already exists; choose another project file")
        engine = make_engine(location)
        if is_url(location) and has_project_table(engine):
            raise ProjectError(f"{location}: already holds a project")
        Base.metadata.create_all(engine)
        project = cls(engine, location)
        with project._sessions.begin() as session:
            session.add(
                ProjectInfo(
                    name=name or Path(location).stem,
                    schema_version=SCHEMA_VERSION,
                    hidden_names=[],
                )
            )
        return project

    @classmethod
    def open(cls, location: str | Path) -> Project:
        location = str(location)
        if not is_url(location):
            check_sqlite_project_file(Path(location))
        engine = make_engine(location)
        try:
            if not has_project_table(engine):
                raise ProjectError(f"{location}: not a qualcoder-vs project")
            project = cls(engine, location)
            info = project.info()
        except DBAPIError as exc:
            engine.dispose()
            raise ProjectError(f"{location}: cannot open ({exc.orig})") from None
        if info.schema_version > SCHEMA_VERSION:
            raise ProjectError(
                f"{location}: made by a newer qualcoder-vs (schema {info.schema_version}, "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        Base.metadata.create_all(engine, tables=list(TEAM_TABLES))
        return project

    def close(self) -> None:
        self.engine.dispose()

    def info(self) -> ProjectInfo:
        with self.read() as session:
            info = session.scalars(select(ProjectInfo)).first()
        if info is None:
            raise ProjectError(f"{self.location}: the project table is empty")
        return info

    # -- sessions ----------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def action(
        self, kind: str, summary: str, coder: str, *, undoable: bool = True
    ) -> Iterator[Session]:
        """One user action: its changes and its event commit together or not at all.

        An action that changed nothing leaves no event, so undo never reverts a no-op.
        """
        with self._sessions() as session:
            events.start_recording(session)
            try:
                yield session
                session.flush()
                changes = events.recorded_changes(session)
                if changes:
                    session.add(
                        Event(
                            coder=coder,
                            kind=kind,
                            summary=summary,
                            changes=changes,
                            undoable=undoable,
                        )
                    )
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def coder_in(self, session: Session, name: str) -> Coder:
        coder = session.scalars(select(Coder).where(Coder.name == name)).first()
        if coder is None:
            coder = Coder(name=name)
            session.add(coder)
            session.flush()
        return coder

    # -- sources -----------------------------------------------------------------------------

    def import_transcript(
        self,
        parsed: ParsedTranscript,
        *,
        name: str,
        filename: str,
        sha256: str,
        attributes: dict[str, str],
        coder: str,
    ) -> Source:
        with self.action("source.import", f"import {filename} as {name}", coder) as session:
            unique = self._unique_source_name(session, name)
            source = Source(
                name=unique,
                filename=filename,
                format=parsed.format,
                encoding=parsed.encoding,
                sha256=sha256,
                text=parsed.text,
                word_count=len(parsed.text.split()),
                attributes={**parsed.metadata, **attributes},
            )
            session.add(source)
            add_turns(source, parsed.turns, {})
        return source

    def _unique_source_name(self, session: Session, name: str) -> str:
        taken = set(session.scalars(select(Source.name).where(Source.name.startswith(name))))
        if name not in taken:
            return name
        n = 2
        while f"{name}-{n}" in taken:
            n += 1
        return f"{name}-{n}"

    def source_with_sha(self, sha256: str) -> str | None:
        with self.read() as session:
            return session.scalars(select(Source.name).where(Source.sha256 == sha256)).first()

    def source_in(self, session: Session, ref: str) -> Source:
        """A source by name, file name or UUID."""
        for clause in (Source.name == ref, Source.filename == ref):
            found = session.scalars(select(Source).where(clause)).first()
            if found is not None:
                return found
        try:
            found = session.get(Source, uuid.UUID(ref))
        except ValueError:
            found = None
        if found is None:
            raise NotFoundError(f"unknown source '{ref}' (see `qvs sources`)")
        return found

    def source(self, ref: str) -> Source:
        with self.read() as session:
            return self.source_in(session, ref)

    def turns(self, source_id: uuid.UUID) -> list[Turn]:
        with self.read() as session:
            return list(
                session.scalars(select(Turn).where(Turn.source_id == source_id).order_by(Turn.seq))
            )

    def sources(self) -> list[SourceSummary]:
        with self.read() as session:
            return self._summaries(session)

    def _summaries(self, session: Session) -> list[SourceSummary]:
        turn_counts = dict(
            session.execute(select(Turn.source_id, func.count()).group_by(Turn.source_id)).all()
        )
        speaker_counts = dict(
            session.execute(
                select(Speaker.source_id, func.count()).group_by(Speaker.source_id)
            ).all()
        )
        coding_counts = dict(
            session.execute(select(Coding.source_id, func.count()).group_by(Coding.source_id)).all()
        )
        respondent = (Speaker.role != "interviewer") | (Turn.speaker_id.is_(None))
        respondent_counts = dict(
            session.execute(
                select(Turn.source_id, func.count())
                .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
                .where(respondent)
                .group_by(Turn.source_id)
            ).all()
        )
        coded = (
            select(Turn.source_id, func.count(func.distinct(Turn.id)))
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .join(
                Coding,
                (Coding.source_id == Turn.source_id)
                & (Coding.start < Turn.end)
                & (Coding.end > Turn.start),
            )
            .where(respondent)
            .group_by(Turn.source_id)
        )
        coded_counts = dict(session.execute(coded).all())
        rows = session.execute(
            select(
                Source.id,
                Source.name,
                Source.filename,
                Source.format,
                Source.attributes,
                Source.word_count,
            ).order_by(Source.name)
        ).all()
        return [
            SourceSummary(
                id=row.id,
                name=row.name,
                filename=row.filename,
                format=row.format,
                attributes={k: str(v) for k, v in (row.attributes or {}).items()},
                words=row.word_count,
                turns=turn_counts.get(row.id, 0),
                speakers=speaker_counts.get(row.id, 0),
                codings=coding_counts.get(row.id, 0),
                coded_respondent_turns=coded_counts.get(row.id, 0),
                respondent_turns=respondent_counts.get(row.id, 0),
            )
            for row in rows
        ]

    # -- codebook ----------------------------------------------------------------------------

    def codes(self) -> list[Code]:
        """Themes and codes in codebook order."""
        with self.read() as session:
            return list(session.scalars(select(Code).order_by(Code.position)))

    def code_in(self, session: Session, key: str) -> Code:
        code = session.scalars(select(Code).where(Code.key == key)).first()
        if code is None:
            raise NotFoundError(f"unknown code '{key}' (see `qvs codebook show`)")
        return code

    def codebook(self) -> Codebook:
        """The project's codes as a codebook, ready to be written back to YAML."""
        info = self.info()
        codes = self.codes()
        by_id = {c.id: c for c in codes}

        def theme_of(code: Code) -> Code:
            while code.parent_id is not None:
                code = by_id[code.parent_id]
            return code

        book = Codebook(name=info.name, language=info.language)
        for code in codes:
            parent = by_id[code.parent_id].key if code.parent_id else None
            book.entries.append(
                CodeSpec(
                    key=code.key,
                    label=code.label,
                    is_theme=code.is_theme,
                    parent=parent,
                    theme=theme_of(code).key,
                    colour=code.colour,
                    description=code.description,
                    include=tuple(code.include),
                    exclude=tuple(code.exclude),
                    keywords=tuple(code.keywords),
                    examples=tuple(code.examples),
                )
            )
        return book

    def load_codebook(
        self, book: Codebook, *, coder: str, path: str | None = None, force: bool = False
    ) -> CodebookChanges:
        """Bring the project's codes in line with ``book`` by id; codings are never touched
        except those of removed codes, and those only with ``force``."""
        with self.action("codebook.load", f"load codebook {book.name}", coder) as session:
            existing = {c.key: c for c in session.scalars(select(Code))}
            wanted = {spec.key for spec in book.entries}
            gone = [code for key, code in existing.items() if key not in wanted]
            gone_ids = [c.id for c in gone]
            doomed = (
                list(session.scalars(select(Coding).where(Coding.code_id.in_(gone_ids))))
                if gone_ids
                else []
            )
            doomed_views = [self.view_in(session, c) for c in doomed]
            if doomed and not force:
                counts: dict[str, int] = {}
                for view in doomed_views:
                    counts[view.code] = counts.get(view.code, 0) + 1
                listed = ", ".join(f"{k} ({n} codings)" for k, n in sorted(counts.items()))
                raise ProjectError(
                    f"the codebook removes codes that have codings: {listed}; "
                    "use --force to remove them with their codings"
                )
            added, updated = [], []
            for position, spec in enumerate(book.entries):
                code = existing.get(spec.key)
                fields = {
                    "label": spec.label,
                    "is_theme": spec.is_theme,
                    "colour": spec.colour,
                    "description": spec.description,
                    "include": list(spec.include),
                    "exclude": list(spec.exclude),
                    "keywords": list(spec.keywords),
                    "examples": list(spec.examples),
                    "position": position,
                }
                if code is None:
                    code = Code(key=spec.key, **fields)
                    session.add(code)
                    existing[spec.key] = code
                    added.append(spec.key)
                else:
                    changed = [k for k, v in fields.items() if getattr(code, k) != v]
                    for k in changed:
                        setattr(code, k, fields[k])
                    if any(k != "position" for k in changed):
                        updated.append(spec.key)
            session.flush()
            for spec in book.entries:
                parent_id = existing[spec.parent].id if spec.parent else None
                code = existing[spec.key]
                if code.parent_id != parent_id:
                    code.parent_id = parent_id
                    if spec.key not in added and spec.key not in updated:
                        updated.append(spec.key)
            for coding in doomed:
                session.delete(coding)
            for code in gone:
                code.parent_id = None
            session.flush()
            for code in gone:
                session.delete(code)
            info = session.scalars(select(ProjectInfo)).one()
            info.language = book.language
            if path is not None:
                info.codebook_path = path
        return CodebookChanges(added, updated, [c.key for c in gone], doomed_views)

    # -- codings -----------------------------------------------------------------------------

    def locate_quote(self, source_ref: str, quote: str) -> tuple[int, int]:
        """The one place ``quote`` occurs in the source; ambiguity is an error, not a guess."""
        if not quote:
            raise ProjectError("the quote is empty")
        with self.read() as session:
            source = self.source_in(session, source_ref)
            text = source.text
        first = text.find(quote)
        if first < 0:
            raise NotFoundError(f"quote not found in {source.name}: '{quote[:60]}'")
        if text.find(quote, first + 1) >= 0:
            raise ProjectError(
                f"quote occurs {text.count(quote)} times in {source.name}; "
                "give a longer quote or --start/--end"
            )
        return first, first + len(quote)

    def add_codings(
        self,
        source_ref: str,
        start: int,
        end: int,
        code_keys: Sequence[str],
        *,
        coder: str,
        memo: str = "",
        important: bool = False,
        origin: str = "manual",
    ) -> list[CodingView]:
        if not code_keys:
            raise ProjectError("no code given")
        if origin not in ORIGINS:
            raise ProjectError(f"unknown origin '{origin}'")
        summary = f"code {', '.join(code_keys)} at {source_ref}[{start}:{end}]"
        with self.action("coding.add", summary, coder) as session:
            source = self.source_in(session, source_ref)
            if not 0 <= start < end <= len(source.text):
                raise ProjectError(
                    f"range [{start}, {end}) is not a passage of {source.name} "
                    f"(text has {len(source.text)} characters; start must be < end)"
                )
            created = self.code_passage_in(
                session,
                source,
                start,
                end,
                [self.code_in(session, key) for key in code_keys],
                self.coder_in(session, coder),
                memo=memo,
                important=important,
                origin=origin,
            )
            return [self.view_in(session, c) for c in created]

    def code_passage_in(
        self,
        session: Session,
        source: Source,
        start: int,
        end: int,
        codes: Sequence[Code],
        coder: Coder,
        *,
        memo: str = "",
        important: bool = False,
        origin: str = "manual",
    ) -> list[Coding]:
        """Apply codes inside a running action; a code already on exactly this passage by this
        coder is not applied twice."""
        anchor = make_anchor(source.text, start, end)
        present = set(
            session.scalars(
                select(Coding.code_id).where(
                    Coding.source_id == source.id,
                    Coding.start == start,
                    Coding.end == end,
                    Coding.coder_id == coder.id,
                )
            )
        )
        created = []
        for code in codes:
            if code.id in present:
                continue
            coding = Coding(
                source_id=source.id,
                code=code,
                coder=coder,
                start=start,
                end=end,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                memo=memo,
                important=important,
                origin=origin,
            )
            session.add(coding)
            created.append(coding)
        session.flush()
        return created

    def remove_codings(self, ids: Sequence[uuid.UUID], *, coder: str) -> list[CodingView]:
        with self.action("coding.remove", f"remove {len(ids)} coding(s)", coder) as session:
            found = []
            for coding_id in ids:
                coding = session.get(Coding, coding_id)
                if coding is None:
                    raise NotFoundError(f"unknown coding '{coding_id}'")
                found.append(self.view_in(session, coding))
                session.delete(coding)
            return found

    def update_coding(
        self,
        coding_id: uuid.UUID,
        *,
        coder: str,
        memo: str | None = None,
        important: bool | None = None,
    ) -> CodingView:
        with self.action("coding.update", f"update coding {coding_id}", coder) as session:
            coding = session.get(Coding, coding_id)
            if coding is None:
                raise NotFoundError(f"unknown coding '{coding_id}'")
            if memo is not None:
                coding.memo = memo
            if important is not None:
                coding.important = important
            session.flush()
            return self.view_in(session, coding)

    def find_codings(
        self,
        session: Session,
        *,
        code: str | None = None,
        source: str | None = None,
        coder: str | None = None,
        unplaced: bool = False,
    ) -> list[Coding]:
        query = select(Coding).join(Source, Coding.source_id == Source.id)
        if code is not None:
            query = query.where(Coding.code_id == self.code_in(session, code).id)
        if source is not None:
            query = query.where(Coding.source_id == self.source_in(session, source).id)
        if coder is not None:
            query = query.join(Coder).where(Coder.name == coder)
        if unplaced:
            query = query.where(Coding.placed.is_(False))
        query = query.join(Code, Coding.code_id == Code.id).order_by(
            Source.name, Coding.start, Coding.end, Code.position, Coding.created
        )
        return list(session.scalars(query))

    def codings(self, **filters: str | bool | None) -> list[CodingView]:
        with self.read() as session:
            found = self.find_codings(session, **filters)  # type: ignore[arg-type]
            names = {row.id: row.name for row in session.execute(select(Source.id, Source.name))}
            return [self.view_in(session, c, names) for c in found]

    def view_in(
        self, session: Session, coding: Coding, source_names: dict[uuid.UUID, str] | None = None
    ) -> CodingView:
        """``source_names`` saves a query per coding when many are viewed at once."""
        if source_names is None:
            source_name = session.scalar(select(Source.name).where(Source.id == coding.source_id))
        else:
            source_name = source_names.get(coding.source_id)
        return CodingView(
            id=coding.id,
            source=source_name or "",
            source_id=coding.source_id,
            start=coding.start,
            end=coding.end,
            code=coding.code.key,
            code_label=coding.code.label,
            coder=coding.coder.name,
            text=coding.quote,
            memo=coding.memo,
            important=coding.important,
            origin=coding.origin,
            placed=coding.placed,
            created=coding.created,
        )

    # -- undo and redo -----------------------------------------------------------------------

    def undo(self, *, coder: str) -> Event | None:
        """Revert the latest action that is not undone yet; None when there is nothing to undo."""
        with self._sessions.begin() as session:
            target = session.scalars(
                select(Event)
                .where(Event.undoable.is_(True), Event.undone_by.is_(None))
                .order_by(Event.id.desc())
                .limit(1)
            ).first()
            if target is None:
                return None
            events.apply(session, events.invert(target.changes))
            marker = Event(
                coder=coder,
                kind="undo",
                summary=f"undo: {target.summary}",
                undoable=False,
                reverts=target.id,
            )
            session.add(marker)
            session.flush()
            target.undone_by = marker.id
            return target

    def redo(self, *, coder: str) -> Event | None:
        """Re-apply the most recently undone action, unless a new action came after its undo."""
        with self._sessions.begin() as session:
            last_action = session.scalar(select(func.max(Event.id)).where(Event.undoable.is_(True)))
            target = session.scalars(
                select(Event)
                .where(Event.undone_by.is_not(None), Event.undone_by > (last_action or 0))
                .order_by(Event.undone_by.desc())
                .limit(1)
            ).first()
            if target is None:
                return None
            events.apply(session, target.changes)
            session.add(
                Event(
                    coder=coder,
                    kind="redo",
                    summary=f"redo: {target.summary}",
                    undoable=False,
                    reverts=target.id,
                )
            )
            target.undone_by = None
            return target

    def history(self, limit: int = 50) -> list[Event]:
        with self.read() as session:
            return list(session.scalars(select(Event).order_by(Event.id.desc()).limit(limit)))


def add_turns(
    source: Source, parsed_turns: Sequence[ParsedTurn], speakers: dict[str, Speaker]
) -> set[str]:
    """Append turns to ``source``; ``speakers`` maps names to known speakers and gains new ones
    (with a guessed role). Returns the names of the speakers these turns use."""
    used: set[str] = set()
    for seq, parsed_turn in enumerate(parsed_turns):
        speaker = None
        if parsed_turn.speaker:
            speaker = speakers.get(parsed_turn.speaker)
            if speaker is None:
                speaker = Speaker(
                    source=source, name=parsed_turn.speaker, role=guess_role(parsed_turn.speaker)
                )
                speakers[parsed_turn.speaker] = speaker
            used.add(parsed_turn.speaker)
        source.turns.append(
            Turn(
                seq=seq,
                speaker=speaker,
                start=parsed_turn.start,
                end=parsed_turn.end,
                start_ms=parsed_turn.start_ms,
                end_ms=parsed_turn.end_ms,
            )
        )
    return used


INTERVIEWER_LABELS = {"i", "int", "interviewer", "interviewster", "onderzoeker", "interviewer 1"}


def guess_role(speaker: str) -> str:
    """Usual interviewer labels start as interviewer; `qvs speakers --role` corrects the rest."""
    return "interviewer" if speaker.strip().lower() in INTERVIEWER_LABELS else "respondent"
