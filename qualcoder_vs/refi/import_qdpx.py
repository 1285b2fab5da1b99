"""`qvs import FILE.qdpx`: a project of another tool becomes a new qualcoder-vs project.

The file is read completely before any project is created or opened; a project that already
holds data is refused (merging two projects' codebooks by name would guess), and a project this
import created is removed again if writing fails, so a failed import leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcoder_vs.core.database import has_project_table, is_url, make_engine
from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.read_project import read_qdpx
from qualcoder_vs.refi.store import write_plan


@dataclass(frozen=True, slots=True)
class QdpxImport:
    """What an import brought in, for the summary the user sees."""

    location: str
    name: str
    producer: str
    sources: int
    codes: int
    codings: int
    coding_memos: int
    memos: int
    coders: list[str]
    positions: dict[str, str]
    """Source name -> how its positions were counted."""
    warnings: list[str]


def _exists(location: str) -> bool:
    if not is_url(location):
        return Path(location).exists()
    engine = make_engine(location)
    try:
        return has_project_table(engine)
    finally:
        engine.dispose()


def _refuse_unless_empty(project: Project) -> None:
    counts = project.queries.counts()
    held = [f"{n} {what}" for what, n in counts.items() if n]
    if held:
        raise RefiError(
            f"{project.location}: already holds {', '.join(held)}; import a QDPX into a new "
            "project (give -p a file that does not exist yet)"
        )


def _remove(location: str) -> None:
    path = Path(location)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def import_qdpx(path: Path, location: str, *, coder: str) -> QdpxImport:
    """Import the QDPX (or bare .qde) at ``path`` into a new or empty project at ``location``."""
    plan = read_qdpx(path, importing_coder=coder)
    created = not _exists(location)
    if created and not is_url(location) and not Path(location).parent.is_dir():
        raise RefiError(f"{location}: folder {Path(location).parent} does not exist")
    project = Project.create(location, name=plan.name) if created else Project.open(location)
    try:
        if not created:
            _refuse_unless_empty(project)
        write_plan(project, plan, coder=coder, summary=f"import {path.name} ({plan.producer})")
    except BaseException:
        project.close()
        if created and not is_url(location):
            _remove(location)
        raise
    project.close()
    return QdpxImport(
        location=location,
        name=plan.name,
        producer=plan.producer,
        sources=len(plan.sources),
        codes=sum(1 for c in plan.codes.codes if not c.is_theme),
        codings=len(plan.codings),
        coding_memos=sum(1 for coding in plan.codings if coding.memo),
        memos=len(plan.memos),
        coders=sorted(plan.coders),
        positions={s.name: s.scheme.describe() for s in plan.sources},
        warnings=plan.warnings.lines(),
    )
