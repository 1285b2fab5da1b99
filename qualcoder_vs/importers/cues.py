"""Timed cues (WebVTT, SRT) to speaker blocks: what subtitle formats share.

A cue's speaker comes from, in this order: WebVTT voice tags (``<v Naam>``, Teams), a label at
the start of the cue text (``Naam: ``, Zoom; ``[SPEAKER_00]: ``, Whisper), or the teletext
colour classes of Dutch broadcast subtitles (``<c.yellow>``), which mark who speaks when a file
uses more than one colour. Lines of one cue are joined with a space: subtitle line breaks are
layout, not speech.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from qualcoder_vs.core.clock import parse_clock
from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.assemble import Block, assemble
from qualcoder_vs.importers.labels import Strength, accepted_weak_labels, split_label

_TIMING = re.compile(r"\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?")

# WebVTT's colour classes plus teletext's green: subtitles use them to tell speakers apart.
COLOUR_CLASSES = frozenset(
    {"white", "lime", "green", "cyan", "red", "yellow", "magenta", "blue", "black"}
)
TELETEXT_PAGE_CUE = "888"

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>")
_COLOUR = re.compile(r"<c\.([\w.-]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<\d[\d:.]*>|\{\\[^{}]*\}")
_SPACES = re.compile(r"[ \t]+")
_BLOCK_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass(slots=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


@dataclass(slots=True)
class _Piece:
    """A cue, or the part of a cue one voice or colour speaks, with its label if it has one."""

    speaker: str
    text: str
    cue: Cue
    strength: Strength | None = None
    unlabelled: str = ""


def _plain(text: str) -> str:
    """Cue text without markup and with entities resolved, its lines joined by spaces."""
    if "<" in text or "{" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return " ".join(line for line in (line.strip() for line in text.split("\n")) if line)


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(name, text) for each stretch opened by a ``pattern`` tag; text before any tag gets ""."""
    spans: list[tuple[str, str]] = []
    position = 0
    name = ""
    for match in pattern.finditer(text):
        spans.append((name, text[position : match.start()]))
        name = (match.group(1) or "").strip()
        position = match.end()
    spans.append((name, text[position:]))
    return spans


def _colour_speakers(cues: list[Cue]) -> bool:
    colours = {
        match.group(1).split(".")[0]
        for cue in cues
        if "<c." in cue.text
        for match in _COLOUR.finditer(cue.text)
        if match.group(1).split(".")[0] in COLOUR_CLASSES
    }
    return len(colours) >= 2


def _pieces(cue: Cue, plain: str, by_colour: bool) -> list[_Piece]:
    """The cue's pieces; ``plain`` is the whole cue without markup, the common case."""
    if "<v" in cue.text and _VOICE.search(cue.text):
        spans = [(name, _plain(body)) for name, body in _spans(cue.text, _VOICE)]
    elif by_colour:
        spans = [
            (name.split(".")[0] if name.split(".")[0] in COLOUR_CLASSES else "", _plain(body))
            for name, body in _spans(cue.text, _COLOUR)
        ]
    else:
        spans = [("", plain)]
    pieces = []
    for name, text in spans:
        if not text:
            continue
        piece = _Piece(html.unescape(name), text, cue)
        if not piece.speaker:
            labelled = split_label(text)
            if labelled is not None:
                label, strength, _, rest = labelled
                piece = _Piece(label, rest.strip(), cue, strength, unlabelled=text)
        pieces.append(piece)
    return pieces


def read_cues(blocks: list[str], warnings: list[str]) -> list[Cue]:
    """The cues among text blocks, as SRT and WebVTT both write them: an optional identifier
    line (a cue number, a Teams id), a timing line ``start --> end``, the cue text."""
    cues: list[Cue] = []
    untimed = bad_timing = 0
    for block in blocks:
        lines = block.split("\n")
        timing_index = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing_index is None:
            untimed += 1
            continue
        match = _TIMING.fullmatch(lines[timing_index])
        start = parse_clock(match.group(1)) if match else None
        end = parse_clock(match.group(2)) if match else None
        if start is None or end is None:
            bad_timing += 1
            continue
        cues.append(Cue(start, end, "\n".join(lines[timing_index + 1 :])))
    if untimed:
        warnings.append(f"{untimed} block(s) without a cue timing ignored")
    if bad_timing:
        warnings.append(f"{bad_timing} cue(s) with an unreadable timing dropped")
    return cues


def split_blocks(text: str) -> list[str]:
    """The blank-line separated blocks of a subtitle file; blank lines may hold spaces, which
    editors leave behind, so SRT and WebVTT split them one way."""
    return [block.strip("\n") for block in _BLOCK_SEPARATOR.split(text.strip())]


def assemble_cues(
    cues: list[Cue], *, format: str, encoding: str, warnings: list[str]
) -> ParsedTranscript:
    """A transcript from timed cues, joining a cue's lines with a space, as every subtitle
    format wants (its line breaks are layout, not speech)."""
    return assemble(
        cue_blocks(cues, warnings), format=format, encoding=encoding, joiner=" ", warnings=warnings
    )


def cue_blocks(cues: list[Cue], warnings: list[str]) -> list[Block]:
    """One block per cue (or per voice in a cue) with its speaker; problems go to ``warnings``."""
    by_colour = _colour_speakers(cues)
    if by_colour:
        warnings.append("speakers taken from subtitle colours; rename them with qvs speakers")
    pieces: list[_Piece] = []
    dropped = page_cues = out_of_order = 0
    previous_start = None
    for cue in cues:
        if previous_start is not None and cue.start_ms < previous_start:
            out_of_order += 1
        previous_start = cue.start_ms
        plain = _plain(cue.text)
        if plain == TELETEXT_PAGE_CUE:
            page_cues += 1
            continue
        cue_pieces = _pieces(cue, plain, by_colour)
        if not any(piece.text for piece in cue_pieces):
            dropped += 1
        pieces.extend(cue_pieces)
    accepted = accepted_weak_labels(
        [(piece.speaker, piece.strength) for piece in pieces if piece.strength is not None],
        allow_unique=False,
    )
    blocks = []
    for piece in pieces:
        if piece.strength is Strength.WEAK and piece.speaker not in accepted:
            piece.speaker, piece.text = "", piece.unlabelled
        blocks.append(Block(piece.speaker, piece.text, piece.cue.start_ms, piece.cue.end_ms))
    if out_of_order:
        warnings.append(f"{out_of_order} cue(s) out of time order")
    if dropped:
        warnings.append(f"{dropped} empty cue(s) dropped")
    if page_cues:
        warnings.append(f"{page_cues} teletext page cue(s) ({TELETEXT_PAGE_CUE}) dropped")
    return blocks
