"""The demo project: our codebook, our 14 interviews and their demo codings, built in one go.

It is built into a temporary file and moved into place at the end, so an interrupted build
never leaves a half-made project behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.services.codings import QuoteCoding
from qualcoder_vs.core.views import Origin
from qualcoder_vs.importers import parse_file
from qualcoder_vs.importers.attributes import read_attributes_csv

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_CODEBOOK = REPO_ROOT / "codebooks" / "stadsgenoten.yaml"
DEMO_TRANSCRIPTS = REPO_ROOT / "transcripts"
DEMO_CODER = "demo"


@dataclass(frozen=True, slots=True)
class DemoCoding:
    source_file: str
    code: str
    quote: str
    memo: str
    important: bool


def read_demo_codings(folder: Path) -> list[DemoCoding]:
    codings = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["codings"]:
            codings.append(
                DemoCoding(
                    source_file=data["source"],
                    code=entry["code"],
                    quote=entry["quote"],
                    memo=entry.get("memo", "") or "",
                    important=bool(entry.get("important", False)),
                )
            )
    return codings


@dataclass(frozen=True, slots=True)
class DemoSettings:
    """What labels and texts cannot tell: who interviews, and which third persons to hide."""

    speaker_roles: list[tuple[str, str, str]]
    names_to_hide: list[str]


def read_demo_settings(path: Path) -> DemoSettings:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return DemoSettings(
        speaker_roles=[(r["file"], r["speaker"], r["role"]) for r in data.get("speaker_roles", [])],
        names_to_hide=[str(name) for name in data.get("names_to_hide", [])],
    )


def build_demo(location: Path, *, data_dir: Path = DEMO_TRANSCRIPTS) -> Project:
    if not DEMO_CODEBOOK.exists() or not data_dir.exists():
        raise ProjectError(
            f"demo data not found in {REPO_ROOT}: run qvs demo from a checkout "
            "installed with `pip install -e .`"
        )
    building = location.with_name(location.name + ".building")
    for leftover in (building, *_sidecars(building)):
        leftover.unlink(missing_ok=True)
    project = Project.create(building, name="Stadsgenoten (demo)")
    codebook = demo_codebook_path(location)
    shutil.copyfile(DEMO_CODEBOOK, codebook)
    try:
        _fill(project, data_dir, codebook)
    finally:
        project.close()
    os.replace(building, location)
    for sidecar in _sidecars(building):
        sidecar.unlink(missing_ok=True)
    return Project.open(location)


def demo_codebook_path(location: Path) -> Path:
    """The demo's own copy of the codebook, beside the project: what the codebook screen writes
    back to, so editing the demo never touches the repository's codebook."""
    return location.with_name(location.stem + ".codebook.yaml")


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _fill(project: Project, data_dir: Path, codebook: Path) -> None:
    project.codebook.load(load_codebook(codebook), coder=DEMO_CODER, path=str(codebook))
    attributes = read_attributes_csv(data_dir / "attributes.csv")
    for filename, attrs in attributes.items():
        path = data_dir / filename
        data = path.read_bytes()
        project.sources.import_transcript(
            parse_file(path),
            name=path.stem,
            filename=filename,
            sha256=hashlib.sha256(data).hexdigest(),
            attributes=attrs,
            coder=DEMO_CODER,
        )
    settings = read_demo_settings(data_dir / "demo.yaml")
    for filename, speaker, role in settings.speaker_roles:
        project.sources.change_speakers(filename, roles=[(speaker, role)], coder=DEMO_CODER)
    project.settings.hide_names(settings.names_to_hide, coder=DEMO_CODER)
    codings = read_demo_codings(data_dir / "demo_codings")
    try:
        project.codings.code_quotes(
            [QuoteCoding(c.source_file, c.code, c.quote, c.memo, c.important) for c in codings],
            coder=DEMO_CODER,
            kind="demo.codings",
            summary=f"apply {len(codings)} demo codings",
            origin=Origin.MANUAL,
        )
    except ProjectError as exc:
        raise ProjectError(f"{data_dir / 'demo_codings'}: {exc}") from None
