"""Start-up benchmark: how long `qvs --help` and `qvs codings` take, next to a bare Typer app.

Each command runs in a fresh process several times; the minimum is the cost of the imports on
an idle machine, the median what a user meets. The target (issue 9): `qvs --help` within 2.5x
of a bare Typer app with twenty commands. It also lists which heavy modules the CLI imports
before any command runs (none should: they belong inside the commands that need them).

    python bench/startup_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "openpyxl", "lxml", "docx", "jinja2", "rapidfuzz", "textual", "yaml")

BARE_APP = '''
import typer

app = typer.Typer(add_completion=False)
for number in range(20):
    def command(name: str = "x", count: int = 1, verbose: bool = False) -> None:
        """A command that does nothing."""
    app.command(f"command-{number}")(command)
app()
'''


def timed(argv: list[str], runs: int) -> tuple[float, float]:
    """Minimum and median wall time of ``argv`` in seconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - began)
    return min(times), statistics.median(times)


def heavy_modules_at_start() -> list[str]:
    probe = (
        f"import sys, qualcoder_vs.cli\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=REPO
    )
    return result.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        project = Path(folder) / "empty.qvs"
        subprocess.run(
            [sys.executable, "-m", "qualcoder_vs", "init", "-p", str(project)],
            check=True,
            capture_output=True,
            cwd=REPO,
        )
        figures = {
            "bare Typer app, 20 commands, --help": timed(
                [sys.executable, str(bare), "--help"], args.runs
            ),
            "qvs --help": timed([sys.executable, "-m", "qualcoder_vs", "--help"], args.runs),
            "qvs codings (empty project)": timed(
                [sys.executable, "-m", "qualcoder_vs", "codings", "-p", str(project)],
                args.runs,
            ),
        }
    base = figures["bare Typer app, 20 commands, --help"][0]
    print(f"{'':40} {'min':>8} {'median':>8} {'min / bare':>11}")
    for label, (low, middle) in figures.items():
        print(f"{label:40} {low * 1000:6.0f} ms {middle * 1000:6.0f} ms {low / base:10.2f}x")
    heavy = heavy_modules_at_start()
    print(f"heavy modules imported by `import qualcoder_vs.cli`: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
