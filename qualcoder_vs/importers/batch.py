"""Files and folders named on the command line, read into transcripts or one-line reasons.

A folder brings the transcripts in it (by extension; ``.md`` only when named, since folders
hold READMEs too) and the attributes from the ``attributes.csv`` beside them. Every file is
read; one that cannot be is reported with its reason, never silently skipped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from qualcoder_vs.core.transcript import BadFile, TranscriptFile
from qualcoder_vs.importers import parse_bytes, read_file
from qualcoder_vs.importers.attributes import read_attributes_csv
from qualcoder_vs.importers.base import TranscriptImportError

ATTRIBUTES_FILE = "attributes.csv"
FOLDER_EXTENSIONS = (".txt", ".vtt", ".srt", ".json", ".docx")


def expand(paths: list[Path]) -> list[Path]:
    """The files named and those in the folders named; a missing path or an empty folder is an
    error before anything is read."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and not p.name.startswith(".")
                and p.suffix.casefold() in FOLDER_EXTENSIONS
            )
            if not found:
                raise TranscriptImportError(
                    f"{path}: no transcripts in this folder ({', '.join(FOLDER_EXTENSIONS)})"
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise TranscriptImportError(f"{path}: no such file or folder")
    return files


class _Attributes:
    """The ``attributes.csv`` of each folder, read once."""

    def __init__(self) -> None:
        self.tables: dict[Path, dict[str, dict[str, str]] | None] = {}

    def of(self, path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
        folder = path.parent
        if folder not in self.tables:
            csv_path = folder / ATTRIBUTES_FILE
            self.tables[folder] = read_attributes_csv(csv_path) if csv_path.is_file() else None
        table = self.tables[folder]
        if table is None:
            return {}, ()
        if path.name not in table:
            return {}, (f"not listed in {ATTRIBUTES_FILE}",)
        return dict(table[path.name]), ()


def read_batch(
    paths: list[Path], format: str | None = None
) -> tuple[list[TranscriptFile], list[BadFile]]:
    """Every file parsed, or the reason it cannot be."""
    read: list[TranscriptFile] = []
    bad: list[BadFile] = []
    attributes = _Attributes()
    for path in expand(paths):
        try:
            data = read_file(path)
            parsed = parse_bytes(data, str(path), format)
        except TranscriptImportError as exc:
            bad.append(BadFile(str(path), str(exc).removeprefix(f"{path}: ")))
            continue
        values, notes = attributes.of(path)
        read.append(
            TranscriptFile(
                path=str(path),
                name=path.stem,
                filename=path.name,
                parsed=parsed,
                sha256=hashlib.sha256(data).hexdigest(),
                attributes=values,
                notes=notes,
            )
        )
    return read, bad
