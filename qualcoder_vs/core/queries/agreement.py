"""The reads of team coding: what agreement compares, the review's disagreements with their
context and decisions, and the blind setting every reader of codings obeys.

Agreement, disagreements and the review always see every coder's codings, also while the
project codes blind: comparing the coders afterwards is their whole point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import (
    Code,
    Coder,
    Coding,
    ConsensusDecision,
    Source,
    Speaker,
    Turn,
)
from qualcoder_vs.core.queries.base import QueryGroup, blind_in
from qualcoder_vs.core.views import Origin

if TYPE_CHECKING:  # numpy comes with the computation, not with every project opened
    from qualcoder_vs.core.agreement import AgreementInput, Disagreement

DEFAULT_CONSENSUS_CODER = "consensus"
CONTEXT = 240
"""Characters of context the review shows before and after a passage."""


@dataclass(frozen=True, slots=True)
class NearCoding:
    """A coding shown beside a disagreement: whose, which code, where."""

    coder: str
    code: str
    label: str
    colour: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One disagreement to settle, with what the review screen shows around it."""

    disagreement: Disagreement
    before: str
    after: str
    codings: dict[str, list[NearCoding]]
    """Per coder (and the consensus coder), the codings that overlap the passage."""
    decision: str | None
    """How it was settled (a coder's name, ``all``, ``none``, ``edit``), or None."""


@dataclass(frozen=True, slots=True)
class Review:
    coders: tuple[str, ...]
    into: str
    unit: str
    items: list[ReviewItem]

    @property
    def settled(self) -> int:
        return sum(1 for item in self.items if item.decision is not None)


class AgreementQueries(QueryGroup):
    def blind(self) -> bool:
        with self.store.reading() as session:
            return blind_in(session)

    def blind_viewer(self) -> str | None:
        """The viewer while the project codes blind (their codings are all they see)."""
        with self.store.reading() as session:
            return self.blind_coder(session)

    def agreement_input(
        self,
        *,
        coders: Sequence[str] = (),
        codes: Sequence[str] = (),
        sources: Sequence[str] = (),
    ) -> AgreementInput:
        """Sources, respondent turns and codings for an agreement run, the user's choices
        checked against the project (a typo is a one-line error, not an empty table).

        Defaults: every source; every coder with codings, except coders whose codings all
        came from a consensus (comparing a consensus with its own parents would flatter
        everyone); every code some chosen coder applied, in codebook order.
        """
        from qualcoder_vs.core.agreement import AgreementInput, CodedSpan, SourceUnits

        with self.store.reading() as session:
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
            names = {r.name for r in source_rows}

            # names, not ids: 30,000 rows read as plain strings, not as UUIDs
            respondent = (Speaker.role != "interviewer") | Turn.speaker_id.is_(None)
            turn_rows = session.execute(
                select(Source.name, Turn.start, Turn.end)
                .join(Source, Turn.source_id == Source.id)
                .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
                .where(respondent)
                .order_by(Source.name, Turn.start)
            ).all()
            coding_rows = session.execute(
                select(
                    Source.name.label("source"),
                    Coding.start,
                    Coding.end,
                    Code.key,
                    Coder.name,
                    Coding.origin,
                )
                .join(Source, Coding.source_id == Source.id)
                .join(Code, Coding.code_id == Code.id)
                .join(Coder, Coding.coder_id == Coder.id)
                .where(Coding.placed.is_(True))
            ).all()
            code_rows = session.execute(select(Code.key, Code.label).order_by(Code.position)).all()
            all_coders = sorted(set(session.scalars(select(Coder.name))))

        turns: dict[str, list[tuple[int, int]]] = {}
        for name, start, end in turn_rows:
            if name in names:
                turns.setdefault(name, []).append((start, end))
        if sources:
            coding_rows = [r for r in coding_rows if r.source in names]
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
            chosen_coders = tuple(c for c in coded if origins[c] != {Origin.CONSENSUS.value})
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

        units = tuple(
            SourceUnits(r.name, r.text, tuple(turns.get(r.name, ()))) for r in source_rows
        )
        spans = tuple(CodedSpan(*row[:5]) for row in coding_rows)
        return AgreementInput(units, spans, chosen_coders, chosen_codes, labels)

    def review(
        self,
        coders: Sequence[str] = (),
        *,
        into: str = DEFAULT_CONSENSUS_CODER,
        unit: str = "turn",
        codes: Sequence[str] = (),
    ) -> Review:
        """Every disagreement between ``coders`` (default: all who coded, but the consensus
        coder), with its context, every coder's codings around it and how it was settled."""
        from qualcoder_vs.core.agreement import disagreements

        data = self.agreement_input(coders=[c for c in coders if c != into], codes=codes)
        if into in data.coders:
            data = self.agreement_input(coders=[c for c in data.coders if c != into], codes=codes)
        found = disagreements(data.analysis(unit))
        texts = {s.name: s.text for s in data.sources}
        shown = (*data.coders, into)
        with self.store.reading() as session:
            near_rows = session.execute(
                select(
                    Source.name,
                    Coder.name.label("coder"),
                    Code.key,
                    Code.label,
                    Code.colour,
                    Coding.start,
                    Coding.end,
                )
                .join(Source, Coding.source_id == Source.id)
                .join(Coder, Coding.coder_id == Coder.id)
                .join(Code, Coding.code_id == Code.id)
                .where(Coder.name.in_(shown))
                .order_by(Coding.start)
            ).all()
            decided = session.execute(
                select(
                    Source.name,
                    Code.key,
                    ConsensusDecision.start,
                    ConsensusDecision.end,
                    ConsensusDecision.choice,
                )
                .join(Source, ConsensusDecision.source_id == Source.id)
                .join(Code, ConsensusDecision.code_id == Code.id)
                .join(Coder, ConsensusDecision.coder_id == Coder.id)
                .where(Coder.name == into)
                .order_by(ConsensusDecision.created)
            ).all()
        near: dict[str, list[NearCoding]] = {}
        for row in near_rows:
            near.setdefault(row.name, []).append(
                NearCoding(row.coder, row.key, row.label, row.colour, row.start, row.end)
            )
        decisions: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for row in decided:
            decisions.setdefault((row.name, row.key), []).append((row.start, row.end, row.choice))
        items = []
        for d in found:
            text = texts[d.source]
            around = [c for c in near.get(d.source, []) if c.start < d.end and c.end > d.start]
            choice = None
            for start, end, made in decisions.get((d.source, d.code), []):
                if start <= d.start and d.end <= end:
                    choice = made  # the latest decision covering the passage wins
            items.append(
                ReviewItem(
                    disagreement=d,
                    before=text[max(0, d.start - CONTEXT) : d.start],
                    after=text[d.end : d.end + CONTEXT],
                    codings={name: [c for c in around if c.coder == name] for name in shown},
                    decision=choice,
                )
            )
        return Review(tuple(data.coders), into, unit, items)

    def consensus_near(self, into: str, source: str, start: int, end: int) -> list[NearCoding]:
        """The consensus coder's codings that overlap ``[start, end)`` of ``source``."""
        with self.store.reading() as session:
            found = session.execute(
                select(Code.key, Code.label, Code.colour, Coding.start, Coding.end)
                .join(Source, Coding.source_id == Source.id)
                .join(Coder, Coding.coder_id == Coder.id)
                .join(Code, Coding.code_id == Code.id)
                .where(
                    Coder.name == into,
                    Source.name == source,
                    Coding.start < end,
                    Coding.end > start,
                )
                .order_by(Coding.start)
            ).all()
        return [NearCoding(into, r.key, r.label, r.colour, r.start, r.end) for r in found]
