"""`qvs open`, `qvs` alone and `qvs demo`: the ways into the TUI, and their one-line errors."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from tests.helpers import run

QVS = [sys.executable, "-m", "qualcoder_vs"]


def test_open_refuses_a_missing_project_and_an_unknown_source(
    tmp_path: Path, tui_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "open", "-p", str(tmp_path / "nergens.qvs"))
    assert status == 1
    assert err.startswith("qvs: error: ") and "nergens.qvs" in err and err.count("\n") == 1
    status, _, err = run(capsys, "open", "-p", tui_project.location, "--coder", "an", "nergens")
    assert status == 1 and "unknown source 'nergens'" in err and err.count("\n") == 1


def test_qvs_alone_opens_the_project_of_qvs_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QVS_PROJECT", str(tmp_path / "weg.qvs"))
    status, _, err = run(capsys)
    assert status == 1 and "weg.qvs" in err
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "open" in out and "demo" in out


def test_demo_without_tui_builds_once_then_reuses(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "demo.qvs"
    status, out, _ = run(capsys, "demo", "-p", str(fresh), "--no-tui")
    assert status == 0 and f"built the demo project in {fresh}" in out
    assert "14 sources" in out
    copy = tmp_path / "copy.qvs"
    shutil.copy(demo_project_file, copy)
    status, out, _ = run(capsys, "demo", "-p", str(copy), "--no-tui")
    assert status == 0 and "built" not in out and "14 sources" in out


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_qvs_open_runs_the_tui_in_a_terminal_and_q_quits(tui_project: Project) -> None:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "QVS_CODER": "tester"}
    child = subprocess.Popen(
        [*QVS, "open", "-p", tui_project.location, "gent"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    try:
        screen = read_until(leader, b"codeur tester", 60)  # an nl codebook: Dutch
        assert b"codeur tester" in screen
        os.write(leader, b"q")
        child.wait(timeout=30)
        assert child.returncode == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(leader)
