"""How fast the TUI is on a long interview: prints figures, asserts nothing.

    .venv/bin/python bench/tui_bench.py

Builds (in a temporary folder) a 50,000-word transcript with 2,000 codings and a project with
1,000 interviews, then drives the app headless at 120x40 and prints:

- first paint of the coding screen (opening the interview until its rows are drawn),
- widget time per cursor and per selection keystroke (the transcript view's key handlers plus
  the ``render_line`` calls they cause; the rest of the screen is counted separately),
- applying a code, from the key to the repainted rows, including the database commit,
- opening the sources screen with 1,000 interviews.

Targets (issue 4): < 300 ms, < 5 ms, < 50 ms, < 1 s. Wall time and CPU time are both printed:
on a busy machine the wall figures include waiting for a core.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qualcoder_vs.core import rows  # noqa: E402
from qualcoder_vs.core.codebook import load_codebook  # noqa: E402
from qualcoder_vs.core.models import Source, Speaker, Turn  # noqa: E402
from qualcoder_vs.core.project import Project  # noqa: E402
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn  # noqa: E402
from qualcoder_vs.tui.app import QvsApp  # noqa: E402
from qualcoder_vs.tui.screens.coding import CodingScreen  # noqa: E402
from qualcoder_vs.tui.screens.sources import SourcesScreen  # noqa: E402
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView  # noqa: E402

WORDS = 50_000
CODINGS = 2_000
INTERVIEWS = 1_000
SIZE = (120, 40)
CODEBOOK = REPO / "codebooks" / "stadsgenoten.yaml"


def sentences() -> list[str]:
    """Sentences of our demo interviews, to make long text that reads like an interview."""
    found = []
    for path in sorted((REPO / "transcripts").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            _, _, speech = line.partition("] ")
            found.extend(s.strip() + "." for s in speech.split(". ") if len(s.split()) > 3)
    return found


def long_transcript(words: int, rng: random.Random) -> ParsedTranscript:
    pool = sentences()
    parts: list[str] = []
    turns: list[ParsedTurn] = []
    offset, count, seq = 0, 0, 0
    while count < words:
        speaker = "Interviewer" if seq % 2 == 0 else "Respondent"
        length = rng.randint(1, 2) if speaker == "Interviewer" else rng.randint(3, 9)
        speech = " ".join(rng.choice(pool) for _ in range(length))
        if parts:
            offset += 2
        turns.append(ParsedTurn(speaker, offset, offset + len(speech), seq * 20_000))
        parts.append(speech)
        offset += len(speech)
        count += len(speech.split())
        seq += 1
    return ParsedTranscript("\n\n".join(parts), turns, format="plain")


def build_long(folder: Path, rng: random.Random) -> tuple[Project, str]:
    project = Project.create(folder / "long.qvs", name="bench")
    project.codebook.load(load_codebook(CODEBOOK), coder="bench")
    parsed = long_transcript(WORDS, rng)
    project.sources.import_transcript(
        parsed, name="long", filename="long.txt", sha256="0" * 64, attributes={}, coder="bench"
    )
    keys = [c.key for c in project.queries.codes() if not c.is_theme]
    text = parsed.text
    with project.store.action("bench.codings", "bench codings", "bench") as session:
        source = rows.source_in(session, "long")
        coder = rows.coder_in(session, "bench")
        codes = {key: rows.code_in(session, key) for key in keys}
        for _ in range(CODINGS):
            turn = rng.choice(parsed.turns)
            start = rng.randint(turn.start, max(turn.start, turn.end - 40))
            end = min(turn.end, start + rng.randint(30, 600))
            if end <= start or not text[start:end].strip():
                continue
            rows.code_passage(session, source, start, end, [codes[rng.choice(keys)]], coder)
    return project, "long"


def build_many(folder: Path, rng: random.Random) -> Project:
    """1,000 short interviews, inserted in one action (importing them one by one is not what
    is measured here)."""
    project = Project.create(folder / "many.qvs", name="many")
    project.codebook.load(load_codebook(CODEBOOK), coder="bench")
    pool = sentences()
    keys = [c.key for c in project.queries.codes() if not c.is_theme]
    with project.store.action("bench.sources", "bench sources", "bench") as session:
        coder = rows.coder_in(session, "bench")
        codes = {key: rows.code_in(session, key) for key in keys}
        for number in range(INTERVIEWS):
            turns_text = [" ".join(rng.choice(pool) for _ in range(3)) for _ in range(12)]
            text = "\n\n".join(turns_text)
            source = Source(
                name=f"interview-{number:04d}",
                filename=f"interview-{number:04d}.txt",
                format="plain",
                encoding="utf-8",
                sha256=f"{number:064d}",
                text=text,
                word_count=len(text.split()),
                attributes={"stad": rng.choice(["Gent", "Aalst", "Genk"]), "jaar": "2021"},
            )
            session.add(source)
            interviewer = Speaker(source=source, name="I", role="interviewer")
            respondent = Speaker(source=source, name="R", role="respondent")
            offset = 0
            for seq, speech in enumerate(turns_text):
                speaker = interviewer if seq % 2 == 0 else respondent
                source.turns.append(
                    Turn(seq=seq, speaker=speaker, start=offset, end=offset + len(speech))
                )
                offset += len(speech) + 2
            session.flush()
            for _ in range(3):
                rows.code_passage(
                    session, source, 0, 50 + rng.randint(0, 50), [codes[rng.choice(keys)]], coder
                )
    return project


class Stopwatch:
    """Adds up the CPU time of this thread spent inside wrapped methods of a class (CPU time, so
    that other programs on a busy machine do not count)."""

    def __init__(self) -> None:
        self.total = 0.0
        self.calls = 0
        self.last_end = 0.0
        self.last_cpu_end = 0.0

    def wrap(self, owner: type, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        watch = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                watch.last_cpu_end = time.thread_time()
                watch.total += watch.last_cpu_end - began
                watch.last_end = time.perf_counter()
                watch.calls += 1

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.total, self.calls = 0.0, 0


def app_for(project: Project) -> QvsApp:
    """The app as a researcher gets it: the spaCy suggestion engine works in its thread while
    the keys are measured."""
    return QvsApp(project, "bench")


async def measure_long(project: Project) -> dict[str, float]:
    render = Stopwatch()
    render.wrap(TranscriptView, "render_line")
    handlers = Stopwatch()
    for name in (
        "action_move_char",
        "action_move_row",
        "action_move_word",
        "action_move_sentence",
        "action_move_turn",
        "action_select_sentence",
    ):
        handlers.wrap(TranscriptView, name)
    results: dict[str, float] = {}
    app = app_for(project)
    source_id = project.queries.source("long").id
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        render.reset()
        began, cpu = time.perf_counter(), time.thread_time()
        app.open_source(source_id)
        while not (isinstance(app.screen, CodingScreen) and render.calls >= SIZE[1] - 4):
            await asyncio.sleep(0)
        results["first paint ms"] = (render.last_end - began) * 1000
        results["first paint cpu ms"] = (render.last_cpu_end - cpu) * 1000
        await pilot.pause()
        view = app.screen.query_one(TranscriptView)
        view.place_cursor(len(view.text) // 2)
        await pilot.pause()

        async def per_key(keys: list[str]) -> tuple[float, float]:
            render.reset()
            handlers.reset()
            began = time.thread_time()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            screen_cpu = (time.thread_time() - began) / len(keys) * 1000
            return (render.total + handlers.total) / len(keys) * 1000, screen_cpu

        cursor_keys = ["right"] * 20 + ["down"] * 20 + ["ctrl+right"] * 10 + ["left"] * 10
        cursor_keys += ["alt+right"] * 10 + ["ctrl+down"] * 10
        widget, screen = await per_key(cursor_keys)
        results["cursor key widget ms"], results["cursor key, whole app cpu ms"] = widget, screen
        selection_keys = ["shift+right"] * 20 + ["shift+down"] * 20 + ["ctrl+shift+right"] * 10
        selection_keys += ["s", "t"] * 5
        widget, screen = await per_key(selection_keys)
        results["selection key widget ms"], results["selection key, whole app cpu ms"] = (
            widget,
            screen,
        )
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        timings, cpu_timings = [], []
        keys = [c.key for c in project.queries.codes() if not c.is_theme]
        for index in range(15):
            await pilot.press("ctrl+down", "s")
            await pilot.pause()
            began, cpu = time.perf_counter(), time.thread_time()
            assert screen.apply_codes([keys[index % len(keys)]])
            await pilot.pause()
            timings.append((time.perf_counter() - began) * 1000)
            cpu_timings.append((time.thread_time() - cpu) * 1000)
        results["apply code ms (median)"] = statistics.median(timings)
        results["apply code cpu ms (median)"] = statistics.median(cpu_timings)
    return results


async def measure_many(project: Project) -> tuple[float, float]:
    app = app_for(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        began, cpu = time.perf_counter(), time.thread_time()
        app.push_screen(SourcesScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen) and len(screen.summaries) == INTERVIEWS
        return (time.perf_counter() - began) * 1000, (time.thread_time() - cpu) * 1000


def main() -> None:
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        project, _ = build_long(Path(folder), rng)
        text = project.queries.source("long")
        print(
            f"long transcript: {text.word_count:,} words, "
            f"{len(project.queries.turns(text.id))} turns, "
            f"{len(project.queries.codings(source='long'))} codings "
            f"(built in {time.perf_counter() - began:.1f} s)"
        )
        results = asyncio.run(measure_long(project))
        many = build_many(Path(folder), rng)
        wall, cpu = asyncio.run(measure_many(many))
        results["sources screen, 1,000 interviews ms"] = wall
        results["sources screen cpu ms"] = cpu
    targets = {
        "first paint ms": 300,
        "cursor key widget ms": 5,
        "selection key widget ms": 5,
        "apply code ms (median)": 50,
        "sources screen, 1,000 interviews ms": 1000,
    }
    print("(ms = elapsed time; cpu = CPU time of the app's thread, which a busy machine does not")
    print(" inflate; widget = CPU in the transcript view's key handlers and render_line calls;")
    print(" whole app = everything the app and the headless test driver do per key)")
    for name, value in results.items():
        target = targets.get(name)
        verdict = ""
        if target is not None:
            verdict = f"  (target < {target}: {'ok' if value < target else 'MISSED'})"
        print(f"{name:>38}: {value:8.1f}{verdict}")


if __name__ == "__main__":
    main()
