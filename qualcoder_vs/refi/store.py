"""A read REFI-QDA project handed to the exchange service as plain objects: one action, so it is
one undoable event and either all of it lands or none of it does."""

from __future__ import annotations

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.services.codebook import NewCode
from qualcoder_vs.core.services.exchange import NewSource, ProjectImport
from qualcoder_vs.refi.codes import PlannedCode
from qualcoder_vs.refi.plan import ProjectPlan


def _spans(text: str, separator: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for block in text.split(separator):
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start += len(block) + len(separator)
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: REFI sources carry no speaker turns, and paragraphs
    are what reports and progress can show instead. Text whose lines are mostly separated by
    blank lines (ours, most transcripts) is cut at blank lines, other text at every line."""
    lines = _spans(text, "\n")
    blocks = _spans(text, "\n\n")
    return blocks if len(blocks) * 2 > len(lines) else lines


def new_code(planned: PlannedCode) -> NewCode:
    details = planned.details
    return NewCode(
        id=planned.id,
        key=planned.key,
        label=planned.label,
        is_theme=planned.is_theme,
        parent_id=planned.parent_id,
        colour=planned.colour,
        description=details.description,
        include=tuple(details.include),
        exclude=tuple(details.exclude),
        keywords=tuple(details.keywords),
        examples=tuple(details.examples),
    )


def write_plan(project: Project, plan: ProjectPlan, *, coder: str, summary: str) -> None:
    project.exchange.import_project(
        ProjectImport(
            name=plan.name,
            coders=dict(plan.coders),
            codes=[new_code(c) for c in plan.codes.codes],
            sources=[
                NewSource(
                    id=s.id,
                    name=s.name,
                    filename=s.filename,
                    format="refi-qda",
                    encoding=s.encoding,
                    sha256=s.sha256,
                    text=s.text,
                    attributes=s.attributes,
                    turns=paragraphs(s.text),
                )
                for s in plan.sources
            ],
            codings=plan.codings,
            memos=plan.memos,
        ),
        coder=coder,
        summary=summary,
    )
