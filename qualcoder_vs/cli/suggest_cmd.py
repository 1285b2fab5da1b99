"""Suggestions from the command line: suggest, train, evaluate, autocode."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    JsonOption,
    ProjectOption,
    coder_name,
    echo_table,
    fail,
    open_project,
)
from qualcoder_vs.cli.progress import QuietOption, progress
from qualcoder_vs.core.errors import NotFoundError
from qualcoder_vs.core.text import shorten
from qualcoder_vs.nlp.errors import NlpError

if TYPE_CHECKING:
    from qualcoder_vs.core.project import Project
    from qualcoder_vs.nlp.evaluation import EvaluationReport
    from qualcoder_vs.nlp.interface import Suggestion
    from qualcoder_vs.nlp.passages import Passage

# spaCy takes most of a second to import: the engine modules are imported inside the commands
# that need them, so every other command (and the TUI) starts without it.

AUTOCODE_BATCH = 256
TopOption = Annotated[int, typer.Option("--top", "-k", min=1, help="At most this many codes.")]


def _as_json(suggestions: list[Suggestion]) -> list[dict[str, Any]]:
    return [{"code": s.code, "score": s.score, "evidence": list(s.evidence)} for s in suggestions]


def _echo_suggestions(suggestions: list[Suggestion], indent: str = "") -> None:
    if not suggestions:
        typer.echo(f"{indent}(no suggestion)")
    for s in suggestions:
        typer.echo(f"{indent}{s.code:<24} {s.score:.2f}  {'; '.join(s.evidence)}")


def read_jsonl(path: str) -> list[tuple[Any, Passage]]:
    """Every line is checked before anything is scored, so a bad line costs no output."""
    from qualcoder_vs.nlp.passages import Passage

    name = "<stdin>" if path == "-" else path
    try:
        lines = sys.stdin.read().splitlines() if path == "-" else _read_lines(Path(path))
    except OSError as exc:
        raise NlpError(f"{name}: cannot read ({exc.strerror})") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NlpError(f"{name}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise NlpError(f'{name}:{number}: expected an object with a "text" string')
        context = record.get("context", "")
        if not isinstance(context, str):
            raise NlpError(f'{name}:{number}: "context" must be a string')
        items.append((record.get("id"), Passage(record["text"], context)))
    return items


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise NlpError(f"{path}: not UTF-8 text") from None


def _warn_if_stale(project: Project) -> None:
    from qualcoder_vs.nlp.learner import fingerprint, stored_info

    info = stored_info(project)
    if info is not None and info.get("fingerprint") != fingerprint(project):
        typer.echo("qvs: note: codings changed since the last `qvs train`", err=True)


def suggest(
    text: Annotated[str | None, typer.Option(help="Suggest codes for this text.")] = None,
    source: Annotated[str | None, typer.Option(help="Suggest for a source's turns.")] = None,
    turn: Annotated[
        int | None, typer.Option(help="Only this turn, numbered from 1 (see `qvs turns`).")
    ] = None,
    start: Annotated[int | None, typer.Option(help="A selection: first character.")] = None,
    end: Annotated[int | None, typer.Option(help="A selection: offset after the last.")] = None,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="One list per sentence instead of per turn.")
    ] = False,
    input_file: Annotated[
        str | None,
        typer.Option("--input", help='JSON lines {"id": ..., "text": ...}; "-" reads stdin.'),
    ] = None,
    accept: Annotated[
        str | None, typer.Option(help="Accept this code for the --turn or --start/--end.")
    ] = None,
    reject: Annotated[
        str | None, typer.Option(help="Reject this code for the passage or --text.")
    ] = None,
    top: TopOption = 5,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
    as_json: JsonOption = False,
) -> None:
    """Suggest codes for a text, a selection, a turn, a whole source or a file of texts.

    With --accept or --reject (and --turn or --start/--end) it records the researcher's
    answer instead: an accepted code becomes a coding, a rejected one teaches the model.

    Example: qvs suggest --source gent --turn 12 --accept poortwachters
    """
    given = [x is not None for x in (text, source, input_file)]
    if sum(given) != 1:
        fail("give exactly one of --text, --source or --input", 2)
    if (start is None) != (end is None):
        fail("give --start and --end together", 2)
    if source is None and (turn is not None or start is not None or sentences):
        fail("--turn, --start/--end and --sentences need --source", 2)
    if turn is not None and start is not None:
        fail("give either --turn or --start/--end, not both", 2)
    if accept and reject:
        fail("give --accept or --reject, not both", 2)
    opened = open_project(project)
    if accept or reject:
        _feedback(opened, accept, reject, text, source, turn, start, end, coder_name(coder))
        return
    from qualcoder_vs.nlp import suggester as engines

    _warn_if_stale(opened)
    engine = engines.suggester_for(opened)
    if input_file is not None:
        items = read_jsonl(input_file)
        results = engine.suggest_many([p for _, p in items], top=top)
        for (item_id, _), suggestions in zip(items, results, strict=True):
            record = {"id": item_id, "suggestions": _as_json(suggestions)}
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    if text is not None:
        suggestions = engine.suggest(text, top=top)
        if as_json:
            typer.echo(json.dumps({"suggestions": _as_json(suggestions)}, ensure_ascii=False))
        else:
            _echo_suggestions(suggestions)
        return
    assert source is not None
    if turn is not None:
        passages = [engines.turn(opened, source, _turn_seq(opened, source, turn))]
    elif start is not None and end is not None:
        passages = [engines.selection(opened, source, start, end)]
    else:
        passages = engines.source_units(opened, source, "sentence" if sentences else "turn")
    _echo_units(passages, engine.suggest_many(passages, top=top), as_json)


def _echo_units(passages: list[Passage], results: list[list[Suggestion]], as_json: bool) -> None:
    for passage, suggestions in zip(passages, results, strict=True):
        if as_json:
            record = {
                "source": passage.source,
                "turn": None if passage.turn is None else passage.turn + 1,
                "start": passage.start,
                "end": passage.end,
                "suggestions": _as_json(suggestions),
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
            continue
        quote = shorten(passage.text, 70)
        number = "-" if passage.turn is None else passage.turn + 1
        typer.echo(f"{passage.source} turn {number} [{passage.start}:{passage.end}] {quote}")
        _echo_suggestions(suggestions, "  ")


def _turn_seq(project: Project, source: str, number: int) -> int:
    """The stored seq of turn ``number`` as `qvs turns` and the TUI count (from 1); it must be
    a respondent's turn, since suggestions are never made for the interviewer's."""
    from qualcoder_vs.core.speakers import is_respondent

    turns = project.queries.turns(source)
    name = project.queries.source(source).name
    if not 1 <= number <= len(turns):
        raise NotFoundError(
            f"{name} has turns 1 to {len(turns)}, not {number} (see `qvs turns {name}`)"
        )
    chosen = turns[number - 1]
    if not is_respondent(chosen.role):
        raise NotFoundError(
            f"turn {number} of {name} is the interviewer's; suggestions are for respondent "
            f"turns (see `qvs turns {name}`)"
        )
    return chosen.seq


def _feedback(
    project: Project,
    accept: str | None,
    reject: str | None,
    text: str | None,
    source: str | None,
    turn: int | None,
    start: int | None,
    end: int | None,
    coder: str,
) -> None:
    from qualcoder_vs.nlp import suggester as engines

    if source is not None:
        if turn is not None:
            passage = engines.turn(project, source, _turn_seq(project, source, turn))
        elif start is not None and end is not None:
            passage = engines.selection(project, source, start, end)
        else:
            fail("--accept/--reject with --source needs --turn or --start/--end", 2)
        if accept:
            for view in project.codings.accept_suggestion(
                passage.source, passage.start, passage.end, accept, coder=coder
            ):
                typer.echo(f"coded {view.source}[{view.start}:{view.end}] {view.code}  {view.id}")
            return
        assert reject is not None
        project.codings.reject_suggestion(
            reject,
            coder=coder,
            source_ref=passage.source,
            start=passage.start,
            end=passage.end,
        )
        typer.echo(f"rejected {reject} for {passage.source}[{passage.start}:{passage.end}]")
        return
    if accept:
        fail("--accept needs --source with --turn or --start/--end (free text has no place)", 2)
    if text is None:
        fail("--reject needs --text, or --source with --turn or --start/--end", 2)
    assert reject is not None
    project.codings.reject_suggestion(reject, coder=coder, text=text)
    typer.echo(f"rejected {reject} for the given text")


def train_command(
    project: ProjectOption = "project.qvs", as_json: JsonOption = False, quiet: QuietOption = False
) -> None:
    """Train the suggestion model on the project's codings now and store it in the project.

    Example: qvs train
    """
    from qualcoder_vs.nlp.learner import TRAINING_STAGES, train

    opened = open_project(project)
    with progress("training", TRAINING_STAGES, quiet=quiet) as step:
        report = train(opened, progress=lambda stage: step(0, description=stage))
    if as_json:
        typer.echo(json.dumps(report.as_info(), ensure_ascii=False, indent=2))
        return
    typer.echo(
        f"learned from {report.codings} codings ({report.passages} passages) of "
        f"{report.codes} codes; negatives: {report.negatives} uncoded respondent turns and "
        f"{report.rejections} rejected suggestions; "
        + (
            f"calibrated on {report.folds} folds by interview, threshold {report.threshold:.2f}"
            if report.folds
            else f"too few codings to calibrate: cold-start threshold {report.threshold:.2f}"
        )
        + f"; {report.seconds:.1f} s"
    )


def evaluate_command(
    folds: Annotated[
        int | None,
        typer.Option(min=2, help="Folds, by interview, for the learned model [default: 5]."),
    ] = None,
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Cross-validate suggestions on the project's own codings: cold start and learned.

    "Shown" figures count what a researcher sees (codes above the threshold, at most 3 per
    passage); "ranked" ones the three best-scored codes whatever their score.

    Example: qvs evaluate --folds 7
    """
    from qualcoder_vs.nlp.evaluation import DEFAULT_FOLDS, evaluate

    opened = open_project(project)
    with progress("evaluating", None, quiet=quiet) as step:

        def advance(done: int, total: int) -> None:
            step(1, description=f"evaluating ({done}/{total}: cold start, then folds)", total=total)

        report = evaluate(opened, folds=folds or DEFAULT_FOLDS, progress=advance)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    _echo_report(report)


def _echo_report(report: EvaluationReport) -> None:
    cold, learned = report.cold, report.learned
    typer.echo(
        f"{report.passages} coded passages in {report.sources} sources, "
        f"{report.uncoded_turns} uncoded respondent turns; learned: {report.folds} folds "
        f"by interview; {report.seconds:.1f} s"
    )
    rows = [
        [label, f"{getattr(cold, attr):.3f}", f"{getattr(learned, attr):.3f}"]
        for label, attr in (
            ("shown hit@1", "shown_hit1"),
            ("shown hit@3", "shown_hit3"),
            ("ranked hit@1", "ranked_hit1"),
            ("ranked hit@3", "ranked_hit3"),
            ("coverage: coded passages shown a code", "coverage"),
            ("quiet: uncoded turns shown none", "quiet"),
        )
    ]
    echo_table(rows, ["", "cold start", "learned"])
    typer.echo("")
    code_rows = []
    for c, lq in zip(cold.per_code, learned.per_code, strict=True):
        code_rows.append(
            [
                c.code,
                str(c.support),
                f"{c.precision:.2f}",
                f"{c.recall:.2f}",
                f"{c.f1:.2f}",
                f"{lq.precision:.2f}",
                f"{lq.recall:.2f}",
                f"{lq.f1:.2f}",
            ]
        )
    echo_table(code_rows, ["code", "n", "cold P", "R", "F1", "learned P", "R", "F1"])


def autocode(
    code: Annotated[str, typer.Argument(help="The code to apply.")],
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Lowest score to code.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be coded; change nothing.")
    ] = False,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Code sentences instead of whole turns.")
    ] = False,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
    quiet: QuietOption = False,
) -> None:
    """Code the turns (or sentences) that score at least --min-score for CODE.

    The codings get origin `suggestion` and form one step: `qvs undo` reverts them all.
    Passages that already carry CODE, or for which CODE was rejected, are left alone.

    Example: qvs autocode stages --min-score 0.9 --dry-run
    """
    from qualcoder_vs.nlp import suggester as engines

    opened = open_project(project)
    if opened.queries.code_tree().get(code) is None:
        raise NotFoundError(f"unknown code '{code}' (see `qvs codebook show`)")
    engine = engines.suggester_for(opened)
    names = [opened.queries.source(source).name] if source else opened.queries.source_names()
    unit: Literal["turn", "sentence"] = "sentence" if sentences else "turn"
    chosen: list[tuple[Passage, float]] = []
    passages = engine.units(names, unit)
    said = engine.said(passages)
    with progress(f"autocode {code}", len(passages), quiet=quiet) as step:
        for at in range(0, len(passages), AUTOCODE_BATCH):
            batch = passages[at : at + AUTOCODE_BATCH]
            for passage, scores in zip(batch, engine.rank_many(batch, explain=False), strict=True):
                score = next(s.score for s in scores if s.code == code)
                if score >= min_score and code not in engines.excluded_codes(said, passage):
                    chosen.append((passage, score))
            step(len(batch))
    for passage, score in chosen:
        quote = shorten(passage.text, 70)
        typer.echo(f"{passage.source}[{passage.start}:{passage.end}] {score:.2f}  {quote}")
    if dry_run:
        typer.echo(f"would code {len(chosen)} passages with {code} (dry run)")
        return
    if not chosen:
        typer.echo(f"nothing scores {min_score:.2f} or more for {code}")
        return
    who = coder_name(coder)
    summary = f"autocode {code}: {len(chosen)} passages at score >= {min_score:.2f}"
    from qualcoder_vs.core.services.codings import PassageRef

    opened.codings.autocode(
        code, [PassageRef(p.source, p.start, p.end) for p, _ in chosen], coder=who, summary=summary
    )
    typer.echo(f"coded {len(chosen)} passages with {code}; `qvs undo` reverts them all")


def register(app: typer.Typer) -> None:
    app.command()(suggest)
    app.command("train")(train_command)
    app.command("evaluate")(evaluate_command)
    app.command()(autocode)
