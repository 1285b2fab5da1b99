"""Progress bars of train, evaluate and autocode: on a terminal only, never with --quiet."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import run


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)


@pytest.mark.parametrize(
    "command",
    [("train",), ("evaluate", "--folds", "3"), ("autocode", "stages", "--min-score", "0.9",
                                                "--dry-run")],
)  # fmt: skip
def test_a_bar_on_a_terminal_and_nothing_otherwise(
    nl_project_file: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    p = ("-p", nl_project_file)
    status, out, err = run(capsys, *command, *p)
    assert status == 0 and err == ""
    plain = out
    on_a_terminal(monkeypatch)
    status, out, err = run(capsys, *command, *p)
    assert status == 0
    # the output itself is the same (less the durations train and evaluate print)
    assert out.splitlines()[-1][:40] == plain.splitlines()[-1][:40]
    assert "\x1b[" in err  # rich drew (and then cleared) a bar on stderr
    status, out, err = run(capsys, *command, "--quiet", *p)
    assert status == 0 and err == ""
