"""Write a parsed interview in the formats researchers receive: Teams WebVTT, SRT, Whisper and
Amberscript JSON, and a typed Word document.

Used by ``tools/convert_demo.py`` (four demo interviews in other formats) and by
``bench/import_bench.py`` (the same synthetic corpus in every format). Timings come from the
turns' start times; within a turn, cues of one or two sentences share its time by length.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
from dataclasses import dataclass

from docx import Document

from qualcoder_vs.importers import ParsedTranscript

INTERVIEWER = "I"
WORDS_PER_SECOND = 2.6
CUE_CHARS = 110
"""Two sentences share a cue when together they stay under this many characters."""

_SENTENCE_END = re.compile(r"(?<=[.?!…])\s+(?=[\"'(\[A-ZÀ-Ý0-9])")


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Piece:
    """A cue or segment: one or two sentences of one turn, with its share of the turn's time."""

    speaker: str
    text: str
    start_ms: int
    end_ms: int


def _pause_ms(seed: str) -> int:
    """A short silence before the next speaker, varied but the same on every run."""
    return 250 + int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) % 700


def read_turns(parsed: ParsedTranscript) -> list[Turn]:
    """Turns with an end time: the next turn's start minus a pause, or a speaking-rate guess."""
    turns = []
    for index, turn in enumerate(parsed.turns):
        text = parsed.text[turn.start : turn.end]
        start = turn.start_ms or 0
        spoken = int(len(text.split()) / WORDS_PER_SECOND * 1000)
        end = start + spoken
        if index + 1 < len(parsed.turns):
            following = parsed.turns[index + 1].start_ms or end
            # Speech fills the time up to the next turn, unless that would make it drawl.
            end = max(start + 500, min(following - _pause_ms(text[:40]), start + spoken * 3 // 2))
        turns.append(Turn(turn.speaker, text, start, end))
    return turns


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.replace("\n", " ")) if s]


def pieces(turn: Turn) -> list[Piece]:
    """Cues of one or two sentences, each timed by its share of the turn's characters."""
    groups: list[list[str]] = []
    for sentence in sentences(turn.text):
        previous = groups[-1] if groups else None
        if previous and len(previous) == 1 and len(previous[0]) + 1 + len(sentence) <= CUE_CHARS:
            previous.append(sentence)
        else:
            groups.append([sentence])
    texts = [" ".join(group) for group in groups]
    total = sum(len(text) for text in texts)
    span = turn.end_ms - turn.start_ms
    result, elapsed = [], 0
    for text in texts:
        start = turn.start_ms + span * elapsed // total
        elapsed += len(text)
        end = turn.start_ms + span * elapsed // total
        result.append(Piece(turn.speaker, text, start, end))
    return result


def _vtt_clock(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_teams_vtt(stem: str, turns: list[Turn]) -> bytes:
    """Teams' transcript layout: a GUID per meeting, ``/<block>-<n>`` per cue, voice tags."""
    meeting = uuid.uuid5(uuid.NAMESPACE_URL, f"qualcoder-vs/demo/{stem}")
    names = {INTERVIEWER: "Interviewer", "R": "Respondent"}
    lines = ["WEBVTT", ""]
    number = 0
    for turn in turns:
        for piece in pieces(turn):
            lines += [
                f"{meeting}/17-{number}",
                f"{_vtt_clock(piece.start_ms)} --> {_vtt_clock(piece.end_ms)}",
                f"<v {names.get(piece.speaker, piece.speaker)}>{_escape(piece.text)}</v>",
                "",
            ]
            number += 1
    return "\n".join(lines).encode("utf-8")


def to_whisper_json(stem: str, turns: list[Turn]) -> bytes:
    """Whisper's result with pyannote-style speakers: the first voice heard is SPEAKER_00."""
    labels: dict[str, str] = {}
    segments = []
    for turn in turns:
        label = labels.setdefault(turn.speaker, f"SPEAKER_{len(labels):02d}")
        for piece in pieces(turn):
            segments.append(
                {
                    "id": len(segments),
                    "seek": piece.start_ms // 30_000 * 3000,
                    "start": round(piece.start_ms / 1000, 3),
                    "end": round(piece.end_ms / 1000, 3),
                    "text": f" {piece.text}",
                    "speaker": label,
                }
            )
    document = {
        "text": "".join(segment["text"] for segment in segments),
        "segments": segments,
        "language": "nl",
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_word(stem: str, turns: list[Turn], attributes: dict[str, str]) -> bytes:
    """A typed transcript: a header block of ``Key: value`` lines (the interview's attributes),
    bold labels, a timestamp after each label, continuation paragraphs unlabelled."""
    names = {INTERVIEWER: "Interviewer", "R": "Respondent"}
    document = Document()
    for key, value in attributes.items():
        document.add_paragraph(f"{key.capitalize()}: {value}")
    document.add_paragraph("")
    for turn in turns:
        first, *rest = turn.text.split("\n")
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{names.get(turn.speaker, turn.speaker)}:").bold = True
        paragraph.add_run(f" [{_vtt_clock(turn.start_ms)[:8]}] {first}")
        for continuation in rest:
            document.add_paragraph(continuation)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _srt_clock(ms: int) -> str:
    return _vtt_clock(ms).replace(".", ",")


def to_srt(stem: str, turns: list[Turn]) -> bytes:
    """Subtitles as a transcription service exports them: numbered cues, names in the text."""
    lines: list[str] = []
    for piece in (piece for turn in turns for piece in pieces(turn)):
        lines += [
            str(len(lines) // 4 + 1),
            f"{_srt_clock(piece.start_ms)} --> {_srt_clock(piece.end_ms)}",
            f"{piece.speaker}: {piece.text}",
            "",
        ]
    return "\r\n".join(lines).encode("utf-8")


def to_amberscript_json(stem: str, turns: list[Turn]) -> bytes:
    """Amberscript's export: a speaker list and segments of timed words."""
    speakers: dict[str, str] = {}
    segments = []
    for turn in turns:
        spkid = speakers.setdefault(turn.speaker, f"spk{len(speakers) + 1}")
        words = turn.text.split()
        step = (turn.end_ms - turn.start_ms) / max(len(words), 1)
        segments.append(
            {
                "speaker": spkid,
                "words": [
                    {
                        "text": word,
                        "start": round((turn.start_ms + i * step) / 1000, 2),
                        "end": round((turn.start_ms + (i + 1) * step) / 1000, 2),
                        "conf": 1.0,
                    }
                    for i, word in enumerate(words)
                ],
            }
        )
    document = {
        "id": stem,
        "startTimeOffset": 0.0,
        "speakers": [{"spkid": spkid, "name": name} for name, spkid in speakers.items()],
        "segments": segments,
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
