"""The `qvs` command line: thin commands over the core, with one-line errors and no tracebacks.

Start-up matters (`qvs --help`, `qvs codings`): command modules import the core, SQLAlchemy and
the heavy libraries (spaCy, openpyxl, lxml, python-docx, Jinja2) inside the commands that use
them, never at the top; `tests/cli/test_startup.py` checks it and `bench/startup_bench.py`
measures it."""

from __future__ import annotations

import sys

import typer
from typer.exceptions import Abort, TyperException

from qualcoder_vs.cli import (
    chart_cmd,
    codebook_cmd,
    coding_cmd,
    importing,
    matrix_cmd,
    project_cmd,
    refi_cmd,
    report_cmd,
    speakers,
    suggest_cmd,
    team_cmd,
    tui_cmd,
    words_cmd,
)
from qualcoder_vs.cli.common import debug_enabled
from qualcoder_vs.core.errors import CodebookError, ProjectError, TranscriptImportError
from qualcoder_vs.core.text import TextDecodeError

app = typer.Typer(
    name="qvs",
    help="qualcoder-vs: code interview transcripts with a codebook, from the terminal.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

project_cmd.register(app)
codebook_cmd.register(app)
coding_cmd.register(app)
importing.register(app)
speakers.register(app)
report_cmd.register(app)
refi_cmd.register(app)
tui_cmd.register(app)
suggest_cmd.register(app)
team_cmd.register(app)
matrix_cmd.register(app)
chart_cmd.register(app)
words_cmd.register(app)
app.callback(invoke_without_command=True)(tui_cmd.open_if_no_command)

USER_ERRORS = (ProjectError, CodebookError, TranscriptImportError, TextDecodeError)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; known user errors become one line on stderr with exit status 1."""
    try:
        status = app(args=argv, standalone_mode=False)
    except USER_ERRORS as exc:
        print(f"qvs: error: {exc}", file=sys.stderr)
        return 1
    except Abort:
        print("qvs: aborted", file=sys.stderr)
        return 1
    except TyperException as exc:
        print(f"qvs: error: {exc.format_message()} (see qvs --help)", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug_enabled():
            raise
        print(
            f"qvs: internal error: {type(exc).__name__}: {exc} (set QVS_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
    return status if isinstance(status, int) else 0


def run() -> None:
    sys.exit(main())
