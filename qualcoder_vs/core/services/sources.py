"""Sources: plan and apply an import of files and folders, replace a text, change speakers.

An import is planned first (duplicates against the project and within the batch, next to the
files an importer could not read) and then applied in one action: one ``qvs undo`` removes a
whole folder. Speakers: transcripts label people inconsistently (``PAUL F. DANYOW ’16`` and
later ``DANYOW``), so renaming to a name that already exists merges the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import Source, Speaker, Turn
from qualcoder_vs.core.replace import ReplaceReport, replace_in
from qualcoder_vs.core.services.base import Service
from qualcoder_vs.core.speakers import ROLES
from qualcoder_vs.core.transcript import BadFile, ParsedTranscript, TranscriptFile
from qualcoder_vs.core.views import SourceView


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would store (``ready``) and what it cannot (``bad``)."""

    ready: list[TranscriptFile] = field(default_factory=list)
    bad: list[BadFile] = field(default_factory=list)


def _unique_name(session: Session, name: str, planned: set[str]) -> str:
    taken = set(session.scalars(select(Source.name).where(Source.name.startswith(name))))
    taken |= planned
    if name not in taken:
        return name
    n = 2
    while f"{name}-{n}" in taken:
        n += 1
    return f"{name}-{n}"


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


class SourcesService(Service):
    def plan_import(
        self,
        files: Sequence[TranscriptFile],
        bad: Sequence[BadFile] = (),
        *,
        again: bool = False,
    ) -> ImportPlan:
        """Check read files against the project and each other; ``again`` allows content the
        project already has."""
        plan = ImportPlan(bad=list(bad))
        seen: dict[str, str] = {}
        with self.store.reading() as session:
            for file in files:
                existing = session.scalars(
                    select(Source.name).where(Source.sha256 == file.sha256)
                ).first()
                if existing is not None and not again:
                    plan.bad.append(
                        BadFile(
                            file.path,
                            f"already imported as {existing} (same content); "
                            "use --again to import it once more",
                        )
                    )
                elif file.sha256 in seen and not again:
                    plan.bad.append(BadFile(file.path, f"same content as {seen[file.sha256]}"))
                else:
                    plan.ready.append(file)
                seen.setdefault(file.sha256, file.path)
        return plan

    def apply_import(self, plan: ImportPlan, *, coder: str) -> list[SourceView]:
        """Store every ready file of ``plan`` in one action; the caller decides what bad files
        mean (nothing imported, or the rest with ``--skip-bad``)."""
        if not plan.ready:
            return []
        if len(plan.ready) == 1:
            only = plan.ready[0]
            summary = f"import {only.filename} as {only.name}"
        else:
            summary = f"import {len(plan.ready)} files ({plan.ready[0].filename}, ...)"
        created: list[Source] = []
        with self.store.action("source.import", summary, coder) as session:
            planned: set[str] = set()
            for file in plan.ready:
                name = _unique_name(session, file.name, planned)
                planned.add(name)
                source = Source(
                    name=name,
                    filename=file.filename,
                    format=file.parsed.format,
                    encoding=file.parsed.encoding,
                    sha256=file.sha256,
                    text=file.parsed.text,
                    word_count=len(file.parsed.text.split()),
                    attributes={**file.parsed.metadata, **file.attributes},
                )
                session.add(source)
                rows.add_turns(source, file.parsed.turns, {})
                created.append(source)
            session.flush()
            return [rows.source_view(source) for source in created]

    def import_transcript(
        self,
        parsed: ParsedTranscript,
        *,
        name: str,
        filename: str,
        sha256: str,
        attributes: dict[str, str],
        coder: str,
    ) -> SourceView:
        """One transcript, stored at once (no duplicate check): what tests and the demo use."""
        file = TranscriptFile(filename, name, filename, parsed, sha256, dict(attributes))
        return self.apply_import(ImportPlan(ready=[file]), coder=coder)[0]

    def replace(
        self,
        source_ref: str,
        parsed: ParsedTranscript,
        *,
        filename: str,
        sha256: str,
        coder: str,
        dry_run: bool = False,
    ) -> ReplaceReport:
        """Put ``parsed`` in place of the text of ``source_ref`` and move its codings there.

        With ``dry_run`` the same work is done in a session that is rolled back, so the report
        shows exactly what a real run would do and the project is left as it was.
        """
        if dry_run:
            with self.store.trial() as session:
                source = rows.source_in(session, source_ref)
                return replace_in(session, source, parsed, filename, sha256)
        with self.store.reading() as session:
            name = rows.source_in(session, source_ref).name
        summary = f"replace the text of {name} with {filename}"
        with self.store.action("source.replace", summary, coder) as session:
            source = rows.source_in(session, source_ref)
            return replace_in(session, source, parsed, filename, sha256)

    def change_speakers(
        self,
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
        with self.store.reading() as session:
            name = rows.source_in(session, source_ref).name
        with self.store.action("speakers.change", f"change speakers of {name}", coder) as session:
            source = rows.source_in(session, source_ref)
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
