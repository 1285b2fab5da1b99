"""Nothing shown is lost: kill -9 the TUI right after it shows a coding, and find it stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from qualcoder_vs.core.project import Project

CHILD = Path(__file__).with_name("coding_child.py")
SHOWN_BEFORE_KILL = 4


def test_kill_9_right_after_a_coding_is_shown_loses_nothing(tui_project: Project) -> None:
    location = tui_project.location
    tui_project.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), location],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    shown: list[tuple[int, int, str]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            _, start, end, code = line.split()
            shown.append((int(start), int(end), code))
            if len(shown) == SHOWN_BEFORE_KILL:
                child.send_signal(signal.SIGKILL)
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    assert len(shown) == SHOWN_BEFORE_KILL
    reopened = Project.open(location)
    try:
        stored = {
            (c.start, c.end, c.code)
            for c in reopened.queries.codings(source="gent", coder="tester")
        }
    finally:
        reopened.close()
    assert set(shown) <= stored
