"""What REFI-QDA has no place for, carried in one extra archive entry between our own projects.

A QDPX holds text, codes and codings; it has no speaker turns, roles or timestamps, no original
file name or format, no names to hide. We write those to ``qualcoder-vs/project.json`` inside
the archive: other tools read only ``project.qde`` and the files it names, so they ignore it and
the archive stays schema-valid. Our import reads it back, strictly: the entry is untrusted like
the rest of the archive, so anything that does not fit (a turn outside its text, a source whose
text another tool changed since we wrote it) is skipped with a warning, never half applied.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from qualcoder_vs.core.transcript import ParsedTurn
from qualcoder_vs.refi.errors import Warnings

EXTRAS_ENTRY = "qualcoder-vs/project.json"
EXTRAS_FORMAT = "qualcoder-vs-exchange"
EXTRAS_VERSION = 1
MAX_NUMBER_DIGITS = 20
ROLE_CHARS = 40
NAME_CHARS = 200


def text_digest(text: str) -> str:
    """The SHA-256 of a source's text as written, to tell whether another tool changed it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SpeakerExtra:
    name: str
    role: str


@dataclass(slots=True)
class SourceExtras:
    """One source as our project had it, beyond the text and attributes REFI carries."""

    text_sha256: str
    format: str = ""
    filename: str = ""
    encoding: str = ""
    sha256: str = ""
    speakers: list[SpeakerExtra] = field(default_factory=list)
    turns: list[ParsedTurn] = field(default_factory=list)

    def fits(self, text: str) -> str | None:
        """None when these turns belong to ``text``; otherwise why not."""
        if text_digest(text) != self.text_sha256:
            return "its text differs from the one we wrote"
        names = {speaker.name for speaker in self.speakers}
        done = 0
        for turn in self.turns:
            if not done <= turn.start <= turn.end <= len(text):
                return f"turn [{turn.start}:{turn.end}] does not fit its text"
            if turn.speaker and turn.speaker not in names:
                return f"turn of unknown speaker '{turn.speaker}'"
            done = turn.end
        return None


@dataclass(slots=True)
class ProjectExtras:
    language: str | None = None
    hidden_names: list[str] = field(default_factory=list)
    sources: dict[uuid.UUID, SourceExtras] = field(default_factory=dict)
    coding_origins: dict[uuid.UUID, str] = field(default_factory=dict)


# -- writing ---------------------------------------------------------------------------------


def source_extras(
    *,
    text: str,
    format: str,
    filename: str,
    encoding: str,
    sha256: str,
    speakers: list[SpeakerExtra],
    turns: list[ParsedTurn],
) -> dict[str, Any]:
    index = {speaker.name: n for n, speaker in enumerate(speakers)}
    return {
        "text_sha256": text_digest(text),
        "format": format,
        "filename": filename,
        "encoding": encoding,
        "sha256": sha256,
        "speakers": [{"name": s.name, "role": s.role} for s in speakers],
        "turns": [
            [t.start, t.end, index[t.speaker] if t.speaker else None, t.start_ms, t.end_ms]
            for t in turns
        ],
    }


def extras_document(
    *,
    language: str,
    hidden_names: list[str],
    sources: dict[uuid.UUID, dict[str, Any]],
    coding_origins: dict[uuid.UUID, str],
) -> bytes:
    """The entry's bytes; keys sorted and no timestamps, so a second export is identical."""
    document = {
        "format": EXTRAS_FORMAT,
        "version": EXTRAS_VERSION,
        "project": {"language": language, "hidden_names": list(hidden_names)},
        "sources": {str(guid): value for guid, value in sources.items()},
        "coding_origins": {str(guid): origin for guid, origin in coding_origins.items()},
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------


class _Unfit(ValueError):
    """A part of the entry that is not what we write."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Unfit("a number with too many digits")
    return int(text)


def _no_constant(name: str) -> float:
    raise _Unfit(f"{name} is not JSON")


def _string(value: Any, what: str, limit: int = 1000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _Unfit(f"{what} is not a text")
    return value


def _whole(value: Any, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Unfit(f"{what} is not a whole number >= 0")
    return value


def _source(value: Any) -> SourceExtras:
    if not isinstance(value, dict):
        raise _Unfit("a source is not an object")
    speakers_raw = value.get("speakers", [])
    if not isinstance(speakers_raw, list):
        raise _Unfit("speakers is not a list")
    speakers = []
    for raw in speakers_raw:
        if not isinstance(raw, dict):
            raise _Unfit("a speaker is not an object")
        speakers.append(
            SpeakerExtra(
                _string(raw.get("name"), "a speaker's name", NAME_CHARS),
                _string(raw.get("role"), "a speaker's role", ROLE_CHARS),
            )
        )
    if len({s.name for s in speakers}) != len(speakers):
        raise _Unfit("a speaker is listed twice")
    turns_raw = value.get("turns", [])
    if not isinstance(turns_raw, list):
        raise _Unfit("turns is not a list")
    turns = []
    for raw in turns_raw:
        if not isinstance(raw, list) or len(raw) != 5:
            raise _Unfit("a turn is not [start, end, speaker, start_ms, end_ms]")
        start, end = _whole(raw[0], "a turn start"), _whole(raw[1], "a turn end")
        speaker = _whole(raw[2], "a turn's speaker", optional=True)
        if speaker is not None and speaker >= len(speakers):
            raise _Unfit("a turn names a speaker that is not listed")
        assert start is not None and end is not None
        turns.append(
            ParsedTurn(
                speakers[speaker].name if speaker is not None else "",
                start,
                end,
                _whole(raw[3], "a turn's start time", optional=True),
                _whole(raw[4], "a turn's end time", optional=True),
            )
        )
    return SourceExtras(
        text_sha256=_string(value.get("text_sha256"), "text_sha256", 64),
        format=_string(value.get("format", ""), "format", 40),
        filename=_string(value.get("filename", ""), "filename", 500),
        encoding=_string(value.get("encoding", ""), "encoding", 40),
        sha256=_string(value.get("sha256", ""), "sha256", 64),
        speakers=speakers,
        turns=turns,
    )


def _guid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise _Unfit(f"'{text[:40]}' is not a GUID") from None


def _document(data: bytes) -> ProjectExtras:
    try:
        document = json.loads(
            data.decode("utf-8"), parse_int=_bounded_int, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _Unfit(f"not valid JSON ({type(exc).__name__})") from None
    if not isinstance(document, dict) or document.get("format") != EXTRAS_FORMAT:
        raise _Unfit("not our exchange format")
    if document.get("version") != EXTRAS_VERSION:
        raise _Unfit(f"version {document.get('version')!r}, we read {EXTRAS_VERSION}")
    project = document.get("project", {})
    sources = document.get("sources", {})
    origins = document.get("coding_origins", {})
    if not all(isinstance(part, dict) for part in (project, sources, origins)):
        raise _Unfit("project, sources and coding_origins must be objects")
    hidden = project.get("hidden_names", [])
    if not isinstance(hidden, list):
        raise _Unfit("hidden_names is not a list")
    language = project.get("language")
    return ProjectExtras(
        language=_string(language, "language", 10) if language is not None else None,
        hidden_names=[_string(name, "a hidden name", NAME_CHARS) for name in hidden],
        sources={_guid(key): _source(value) for key, value in sources.items()},
        coding_origins={
            _guid(key): _string(value, "a coding's origin", 20) for key, value in origins.items()
        },
    )


def read_extras(data: bytes, where: str, warnings: Warnings) -> ProjectExtras | None:
    """The entry's contents, or None (with a warning) when any part of it is not what we write:
    a project still imports from its REFI part, only without what the entry would add."""
    try:
        return _document(data)
    except (_Unfit, ValueError, OverflowError) as exc:
        warnings.add(f"{EXTRAS_ENTRY} ignored ({exc})", where)
        return None
