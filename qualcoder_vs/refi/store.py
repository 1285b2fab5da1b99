"""Writing a read REFI-QDA project into ours: one action, so it is one undoable event and either
all of it lands or none of it does."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.models import (
    Code,
    Coder,
    Coding,
    Memo,
    ProjectInfo,
    Source,
    Speaker,
    Turn,
    utcnow,
)
from qualcoder_vs.core.project import Project, add_turns
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


def code_row(planned: PlannedCode, position: int) -> Code:
    details = planned.details
    return Code(
        id=planned.id,
        key=planned.key,
        label=planned.label,
        is_theme=planned.is_theme,
        parent_id=planned.parent_id,
        colour=planned.colour,
        description=details.description,
        include=list(details.include),
        exclude=list(details.exclude),
        keywords=list(details.keywords),
        examples=list(details.examples),
        position=position,
    )


def next_code_position(session: Session) -> int:
    highest = session.scalar(select(func.max(Code.position)))
    return 0 if highest is None else highest + 1


def _coders(session: Session, plan: ProjectPlan) -> dict[str, Coder]:
    existing = {c.name: c for c in session.scalars(select(Coder))}
    taken_ids = {c.id for c in existing.values()}
    coders: dict[str, Coder] = {}
    for name, guid in plan.coders.items():
        coder = existing.get(name)
        if coder is None:
            coder_id = guid if guid is not None and guid not in taken_ids else uuid.uuid4()
            taken_ids.add(coder_id)
            coder = Coder(id=coder_id, name=name)
            session.add(coder)
        coders[name] = coder
    session.flush()
    return coders


def write_plan(project: Project, plan: ProjectPlan, *, coder: str, summary: str) -> None:
    with project.action("refi.import", summary, coder) as session:
        info = session.scalars(select(ProjectInfo)).one()
        info.name = plan.name[:200]
        if plan.language:
            info.language = plan.language
        if plan.hidden_names:
            info.hidden_names = list(plan.hidden_names)
        coders = _coders(session, plan)
        first = next_code_position(session)
        session.add_all(code_row(c, first + n) for n, c in enumerate(plan.codes.codes))
        session.flush()
        texts: dict[uuid.UUID, str] = {}
        for planned in plan.sources:
            texts[planned.id] = planned.text
            source = Source(
                id=planned.id,
                name=planned.name[:300],
                filename=planned.filename[:500],
                format=planned.format,
                encoding=planned.encoding,
                sha256=planned.sha256,
                text=planned.text,
                word_count=len(planned.text.split()),
                attributes=planned.attributes,
                created=planned.created or utcnow(),
            )
            session.add(source)
            if planned.turns is not None:
                speakers: dict[str, Speaker] = {}
                add_turns(source, planned.turns, speakers)
                for name, role in planned.speaker_roles.items():
                    speaker = speakers.get(name) or Speaker(source=source, name=name)
                    speaker.role = role
        session.flush()
        for planned in plan.sources:
            if planned.turns is not None:
                continue
            session.add_all(
                Turn(source_id=planned.id, seq=seq, start=start, end=end)
                for seq, (start, end) in enumerate(paragraphs(planned.text))
            )
        now = utcnow()
        for planned_coding in plan.codings:
            anchor = make_anchor(
                texts[planned_coding.source_id], planned_coding.start, planned_coding.end
            )
            session.add(
                Coding(
                    id=planned_coding.id,
                    source_id=planned_coding.source_id,
                    code_id=planned_coding.code_id,
                    coder_id=coders[planned_coding.coder].id,
                    start=planned_coding.start,
                    end=planned_coding.end,
                    quote=anchor.quote,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    memo=planned_coding.memo,
                    important=planned_coding.important,
                    origin=planned_coding.origin,
                    created=planned_coding.created or now,
                )
            )
        for memo in plan.memos:
            session.add(
                Memo(
                    id=memo.id,
                    title=memo.title[:300],
                    text=memo.text,
                    coder_id=coders[memo.coder].id if memo.coder in coders else None,
                    source_id=memo.source_id,
                    code_id=memo.code_id,
                    created=memo.created or now,
                )
            )
