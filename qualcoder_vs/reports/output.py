"""Choosing a document format and writing files so a failed export never leaves half a file.

A report is written next to its target under a temporary name and moved into place at the end:
a researcher who has the previous version open in Word keeps a whole file either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from qualcoder_vs.core.errors import ProjectError

DOCUMENT_FORMATS = ("md", "html", "docx")
BINARY_FORMATS = ("docx",)
TABLE_FORMATS = ("csv", "xlsx", "json")
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def choose_format(option: str | None, output: Path | None) -> str:
    """The ``--format`` given, else the output file's extension, else Markdown."""
    if option is not None:
        fmt = option.lower()
        if fmt not in DOCUMENT_FORMATS:
            raise ProjectError(
                f"unknown format '{option}' (formats: {', '.join(DOCUMENT_FORMATS)})"
            )
        return fmt
    if output is not None and output.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[output.suffix.lower()]
    return "md"


def write_bytes(path: Path, data: bytes) -> None:
    write_with(path, lambda temporary: temporary.write_bytes(data))


def write_with(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then move it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ProjectError(f"{path}: cannot write (folder {folder} does not exist)")
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        temporary.unlink(missing_ok=True)
