"""The reads behind `qvs agreement` and `qvs disagreements`: a project into the plain objects
of :mod:`qualcoder_vs.core.agreement`, with the user's choices (coders, codes, sources)
checked against the project, so a typo is a one-line error and not an empty table.

Agreement always sees every coder's codings, also while the project codes blind: comparing
the coders afterwards is its whole point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from qualcoder_vs.core.agreement import Analysis, CodedSpan, SourceUnits, analyse
from qualcoder_vs.core.database import NotFoundError, ProjectError
from qualcoder_vs.core.models import Code, Coder, Coding, Source, Speaker, Turn
from qualcoder_vs.core.project import Project

CONSENSUS_ORIGIN = "consensus"


@dataclass(frozen=True)
class AgreementInput:
    """Everything one agreement run reads, already filtered to the chosen sources."""

    sources: tuple[SourceUnits, ...]
    spans: tuple[CodedSpan, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    code_labels: dict[str, str]


def load_input(
    project: Project,
    *,
    coders: Sequence[str] = (),
    codes: Sequence[str] = (),
    sources: Sequence[str] = (),
) -> AgreementInput:
    """Read sources, respondent turns and codings for an agreement run.

    Defaults: every source; every coder with codings, except coders whose codings all came
    from a consensus (comparing a consensus with its own parents would flatter everyone);
    every code some chosen coder applied, in codebook order.
    """
    with project.read() as session:
        source_rows = session.execute(
            select(Source.id, Source.name, Source.filename, Source.text).order_by(Source.name)
        ).all()
        if sources:
            chosen = []
            for ref in sources:
                match = next(
                    (r for r in source_rows if ref in (r.name, r.filename, str(r.id))), None
                )
                if match is None:
                    raise NotFoundError(f"unknown source '{ref}' (see `qvs sources`)")
                if match not in chosen:
                    chosen.append(match)
            source_rows = sorted(chosen, key=lambda r: r.name)
        source_ids = {r.id: r.name for r in source_rows}

        respondent = (Speaker.role != "interviewer") | Turn.speaker_id.is_(None)
        turn_rows = session.execute(
            select(Turn.source_id, Turn.start, Turn.end)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .where(respondent)
            .order_by(Turn.source_id, Turn.start)
        ).all()
        turns: dict[object, list[tuple[int, int]]] = {}
        for row in turn_rows:
            if row.source_id in source_ids:
                turns.setdefault(row.source_id, []).append((row.start, row.end))

        coding_rows = session.execute(
            select(Coding.source_id, Coding.start, Coding.end, Code.key, Coder.name, Coding.origin)
            .join(Code, Coding.code_id == Code.id)
            .join(Coder, Coding.coder_id == Coder.id)
            .where(Coding.placed.is_(True))
        ).all()
        code_rows = session.execute(select(Code.key, Code.label).order_by(Code.position)).all()
        all_coders = sorted(set(session.scalars(select(Coder.name))))

    coding_rows = [r for r in coding_rows if r.source_id in source_ids]
    origins: dict[str, set[str]] = {}
    for row in coding_rows:
        origins.setdefault(row.name, set()).add(row.origin)
    coded = sorted(origins)

    if coders:
        for name in coders:
            if name not in all_coders:
                listed = ", ".join(coded) or "none yet"
                raise NotFoundError(f"unknown coder '{name}' (coders who coded: {listed})")
        chosen_coders = tuple(dict.fromkeys(coders))
    else:
        chosen_coders = tuple(c for c in coded if origins[c] != {CONSENSUS_ORIGIN})
    if len(chosen_coders) < 2:
        listed = ", ".join(chosen_coders) or "none"
        raise ProjectError(
            f"agreement needs two or more coders (found: {listed}); give them with --coders A,B"
        )

    labels = {r.key: r.label for r in code_rows}
    if codes:
        for key in codes:
            if key not in labels:
                raise NotFoundError(f"unknown code '{key}' (see `qvs codebook show`)")
        chosen_codes = tuple(dict.fromkeys(codes))
    else:
        used = {r.key for r in coding_rows if r.name in chosen_coders}
        chosen_codes = tuple(k for k in labels if k in used)

    units = tuple(SourceUnits(r.name, r.text, tuple(turns.get(r.id, ()))) for r in source_rows)
    spans = tuple(
        CodedSpan(source_ids[r.source_id], r.start, r.end, r.key, r.name) for r in coding_rows
    )
    return AgreementInput(units, spans, chosen_coders, chosen_codes, labels)


def project_analysis(
    project: Project,
    *,
    coders: Sequence[str] = (),
    codes: Sequence[str] = (),
    sources: Sequence[str] = (),
    unit: str = "turn",
    coded_only: bool = False,
) -> Analysis:
    """Units and values of the chosen coders, codes and sources: what the agreement table and
    the disagreement list are computed from."""
    data = load_input(project, coders=coders, codes=codes, sources=sources)
    return analyse(
        data.sources, data.spans, data.coders, data.codes, unit=unit, coded_only=coded_only
    )
