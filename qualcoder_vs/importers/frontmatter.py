"""YAML front matter: a researcher's attributes (stad, rol, traject, jaar...) at the top of a file.

Only a block that opens on the very first line with ``---`` and closes with ``---`` (or
``...``) counts, as in Markdown tools; a ``---`` further down is a horizontal rule in speech.
"""

from __future__ import annotations

import datetime
import re

import yaml

from qualcoder_vs.core.safe_yaml import load_limited
from qualcoder_vs.importers.base import TranscriptImportError

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.{0,4000}?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)


def _as_text(value: object) -> str:
    """Attributes are strings in the store; YAML's numbers, dates and lists are written back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The text after the front matter, and the front matter as attributes."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, {}
    try:
        loaded = load_limited(match.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise TranscriptImportError(f"front matter{where}: {problem}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise TranscriptImportError("front matter must be 'key: value' lines")
    metadata = {str(key).strip(): _as_text(value).strip() for key, value in loaded.items()}
    return text[match.end() :], metadata
