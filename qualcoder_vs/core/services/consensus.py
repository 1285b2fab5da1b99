"""Consensus codings: one step by rule, and the review's decisions one by one.

Consensus codings are written as *coverage*: for each source and code the consensus coder's
codings are the union of what was decided, merged so they never overlap. A decision sets that
coverage inside its passage and leaves the rest alone, so deciding passage after passage (or a
rule first and passages after) composes cleanly. Every function here is one action: one
transaction, one event, so `qvs undo` reverts a whole rule-based step or one decision.
The coders' own codings are never touched.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import Code, Coder, Coding, ConsensusDecision, Source
from qualcoder_vs.core.queries.agreement import DEFAULT_CONSENSUS_CODER
from qualcoder_vs.core.store import Store
from qualcoder_vs.core.views import Origin

if TYPE_CHECKING:
    from qualcoder_vs.core.agreement import Disagreement

ALL = "all"
NONE = "none"
EDIT = "edit"
RULES = ("union", "intersection")

Range = tuple[int, int]


class Passage(Protocol):
    """What a new consensus coding takes from the codings it comes from."""

    start: int
    end: int
    memo: str
    important: bool


# -- ranges ------------------------------------------------------------------------------------


def union(ranges: Iterable[Range]) -> list[Range]:
    """Sorted, merged ranges; touching ranges merge too (one passage, one coding)."""
    merged: list[list[int]] = []
    for start, end in sorted(r for r in ranges if r[0] < r[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def intersection(one: Sequence[Range], other: Sequence[Range]) -> list[Range]:
    """Ranges covered by both (each side already merged)."""
    out, i, j = [], 0, 0
    while i < len(one) and j < len(other):
        start = max(one[i][0], other[j][0])
        end = min(one[i][1], other[j][1])
        if start < end:
            out.append((start, end))
        if one[i][1] < other[j][1]:
            i += 1
        else:
            j += 1
    return out


def clip(ranges: Sequence[Range], window: Range) -> list[Range]:
    return [
        (max(a, window[0]), min(b, window[1])) for a, b in ranges if a < window[1] and b > window[0]
    ]


def outside(ranges: Sequence[Range], window: Range) -> list[Range]:
    """The parts of ``ranges`` that lie outside ``window``."""
    out = []
    for a, b in ranges:
        if a < window[0]:
            out.append((a, min(b, window[0])))
        if b > window[1]:
            out.append((max(a, window[1]), b))
    return out


# -- writing consensus coverage ----------------------------------------------------------------


def _coder_codings(
    session: Session, source_id: uuid.UUID, code_id: uuid.UUID, coder_id: uuid.UUID
) -> list[Coding]:
    return list(
        session.scalars(
            select(Coding).where(
                Coding.source_id == source_id,
                Coding.code_id == code_id,
                Coding.coder_id == coder_id,
            )
        )
    )


def _set_coverage(
    session: Session,
    source: Source,
    code: Code,
    into: Coder,
    existing: Sequence[Coding],
    window: Range | None,
    chosen: Sequence[Range],
    contributors: Sequence[Passage],
) -> None:
    """Make the consensus coder's codings of ``code`` (``existing``) cover ``chosen`` inside
    ``window`` (the whole text when None) and stay as they were outside it; memos and the
    important mark of the codings a new coding comes from carry over."""
    window = window or (0, len(source.text))
    touched = [c for c in existing if c.start <= window[1] and c.end >= window[0]]
    kept = outside([(c.start, c.end) for c in touched], window)
    wanted = union([*kept, *clip(chosen, window)])
    if sorted((c.start, c.end) for c in touched) == wanted:
        return
    sources_of = [*touched, *contributors]
    for coding in touched:
        session.delete(coding)
    for start, end in wanted:
        near = [c for c in sources_of if c.start < end and c.end > start]
        anchor = make_anchor(source.text, start, end)
        session.add(
            Coding(
                source_id=source.id,
                code=code,
                coder=into,
                start=start,
                end=end,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                memo=" / ".join(dict.fromkeys(c.memo for c in near if c.memo)),
                important=any(c.important for c in near),
                origin=Origin.CONSENSUS.value,
            )
        )


@dataclass(frozen=True, slots=True)
class ConsensusResult:
    codings: int
    """Consensus codings after the step."""
    settled: int
    """(source, code) pairs whose disagreements the rule settled, recorded as decisions."""


def apply_consensus(
    store: Store,
    coders: Sequence[str],
    *,
    into: str = DEFAULT_CONSENSUS_CODER,
    rule: str = "intersection",
    coder: str,
) -> ConsensusResult:
    """Consensus in one step, as one action. ``intersection`` writes what every coder coded
    (the undisputed part; the review settles the rest); ``union`` what any coder coded; a
    coder's name takes that coder's codings. ``union`` and a coder's name settle every
    disagreement, and record it so, so the review shows them as settled."""
    coders = list(dict.fromkeys(coders))
    if len(coders) < 2:
        raise ProjectError("consensus needs two or more coders: give --coders A,B")
    if into in coders:
        raise ProjectError(f"the consensus coder '{into}' cannot be one of the coders compared")
    if rule not in RULES and rule not in coders:
        raise ProjectError(
            f"unknown rule '{rule}' (use union, intersection or one of the coders: "
            f"{', '.join(coders)})"
        )
    with store.reading() as session:
        known = set(session.scalars(select(Coder.name)))
    for name in coders:
        if name not in known:
            raise NotFoundError(f"unknown coder '{name}' (coders: {', '.join(sorted(known))})")
    summary = f"consensus of {', '.join(coders)} into {into} by {rule}"
    with store.action("consensus.apply", summary, coder) as session:
        into_coder = rows.coder_in(session, into)
        codings = session.execute(
            select(
                Coding.source_id,
                Coding.code_id,
                Coder.name,
                Coding.start,
                Coding.end,
                Coding.memo,
                Coding.important,
            )
            .join(Coder, Coding.coder_id == Coder.id)
            .where(Coder.name.in_(coders), Coding.placed.is_(True))
        ).all()
        by_pair: dict[tuple[uuid.UUID, uuid.UUID], dict[str, list[Passage]]] = {}
        for row in codings:
            per_coder = by_pair.setdefault((row.source_id, row.code_id), {})
            per_coder.setdefault(row.name, []).append(row)
        sources = {s.id: s for s in session.scalars(select(Source))}
        codes = {c.id: c for c in session.scalars(select(Code))}
        present: dict[tuple[uuid.UUID, uuid.UUID], list[Coding]] = {}
        for coding in session.scalars(select(Coding).where(Coding.coder_id == into_coder.id)):
            present.setdefault((coding.source_id, coding.code_id), []).append(coding)
        for (source_id, code_id), per_coder in by_pair.items():
            covered = {name: union((c.start, c.end) for c in cs) for name, cs in per_coder.items()}
            if rule == "union":
                chosen = union(r for rs in covered.values() for r in rs)
            elif rule == "intersection":
                if len(covered) < len(coders):
                    continue
                chosen = covered[coders[0]]
                for name in coders[1:]:
                    chosen = intersection(chosen, covered[name])
            else:
                chosen = covered.get(rule, [])
            if not chosen:
                continue
            contributors = [c for cs in per_coder.values() for c in cs]
            existing = present.get((source_id, code_id), [])
            _set_coverage(
                session,
                sources[source_id],
                codes[code_id],
                into_coder,
                existing,
                None,
                union([*((c.start, c.end) for c in existing), *chosen]),
                contributors,
            )
        settled = 0
        if rule != "intersection":  # one decision per source and code settles all its passages
            choice = ALL if rule == "union" else rule
            for source_id, code_id in by_pair:
                session.add(
                    ConsensusDecision(
                        source_id=source_id,
                        code_id=code_id,
                        coder_id=into_coder.id,
                        start=0,
                        end=len(sources[source_id].text),
                        choice=choice,
                    )
                )
                settled += 1
        session.flush()
        total = len(
            session.scalars(select(Coding.id).where(Coding.coder_id == into_coder.id)).all()
        )
    return ConsensusResult(total, settled)


def settle(
    store: Store,
    item: Disagreement,
    choice: str,
    *,
    coders: Sequence[str],
    into: str = DEFAULT_CONSENSUS_CODER,
    edit: Range | None = None,
    coder: str,
) -> None:
    """Settle one disagreement, as one action: inside the passage the consensus coder's
    codings of the code become those of ``choice`` (a coder's name, ``all`` for everyone's,
    ``none``; ``edit`` codes exactly ``edit``), and the decision is recorded."""
    if choice not in (*coders, ALL, NONE, EDIT):
        raise ProjectError(f"unknown choice '{choice}' (a coder, {ALL}, {NONE} or {EDIT})")
    if choice == EDIT and (edit is None or edit[0] >= edit[1]):
        raise ProjectError("an edited decision needs a range with start < end")
    summary = f"settle {item.code} at {item.source}[{item.start}:{item.end}]: {choice}"
    with store.action("consensus.settle", summary, coder) as session:
        source = rows.source_in(session, item.source)
        code = rows.code_in(session, item.code)
        if edit is not None and not 0 <= edit[0] < edit[1] <= len(source.text):
            raise ProjectError(f"range [{edit[0]}, {edit[1]}) is not a passage of {source.name}")
        into_coder = rows.coder_in(session, into)
        window = (item.start, item.end)
        contributors: list[Passage] = []
        if choice == EDIT:
            assert edit is not None
            window = (min(window[0], edit[0]), max(window[1], edit[1]))
            chosen = [edit]
        elif choice == NONE:
            chosen = []
        else:
            names = list(coders) if choice == ALL else [choice]
            members = session.scalars(select(Coder).where(Coder.name.in_(names))).all()
            for member in members:
                contributors += _coder_codings(session, source.id, code.id, member.id)
            chosen = union((c.start, c.end) for c in contributors)
        existing = _coder_codings(session, source.id, code.id, into_coder.id)
        _set_coverage(session, source, code, into_coder, existing, window, chosen, contributors)
        session.add(
            ConsensusDecision(
                source_id=source.id,
                code_id=code.id,
                coder_id=into_coder.id,
                start=window[0],
                end=window[1],
                choice=choice,
            )
        )
