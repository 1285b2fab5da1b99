"""Interview attributes (stad, rol, traject, jaar, ...) from the `attributes.csv` of a folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.text import TextDecodeError, decode

FILE_COLUMN = "file"


def read_attributes_csv(path: Path) -> dict[str, dict[str, str]]:
    """Attributes per file name; the ``file`` column names the transcript, other columns are kept
    as they are. Comma or semicolon separated (Excel in a Flemish locale writes semicolons)."""
    try:
        decoded = decode(path.read_bytes())
    except (OSError, TextDecodeError) as exc:
        raise ProjectError(f"{path}: cannot read attributes ({exc})") from None
    sample = decoded.text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(decoded.text), delimiter=delimiter)
    if reader.fieldnames is None or FILE_COLUMN not in reader.fieldnames:
        raise ProjectError(f"{path}: attributes need a '{FILE_COLUMN}' column")
    table: dict[str, dict[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        name = (row.get(FILE_COLUMN) or "").strip()
        if not name:
            raise ProjectError(f"{path}:{line}: empty '{FILE_COLUMN}' cell")
        if name in table:
            raise ProjectError(f"{path}:{line}: '{name}' is listed twice")
        table[name] = {
            key.strip(): (value or "").strip()
            for key, value in row.items()
            if key and key != FILE_COLUMN and (value or "").strip()
        }
    return table
