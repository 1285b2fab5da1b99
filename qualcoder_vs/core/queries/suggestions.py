"""Reads the suggester needs beyond the material: what the researcher already said about
passages, and the stored analyses of sources.

A code already applied to a passage is not suggested for it again, and a rejected suggestion
stays rejected for its passage; both are read from the project (codings and
``SuggestionFeedback``), so they hold after reopening and for every coder of a team.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from qualcoder_vs.core.models import Code, Coder, Coding, Source, SourceAnalysis, SuggestionFeedback
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.store import Store


@dataclass(frozen=True, slots=True)
class Said:
    """Codes applied and rejected, by source name, as ``(start, end, code key)`` ranges;
    rejected free texts as text -> code keys."""

    applied: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    rejected: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    rejected_texts: dict[str, set[str]] = field(default_factory=dict)


_checked: set[int] = set()


def ensure_analysis_table(store: Store) -> None:
    """Projects made before the table existed get it on first use (checked once per store):
    it only holds derived data, so creating it changes nothing a user made."""
    if id(store) not in _checked:
        SourceAnalysis.__table__.create(store.engine, checkfirst=True)
        _checked.add(id(store))


class SuggestionQueries(QueryGroup):
    def said_about(self, sources: set[str] | None = None) -> Said:
        """Everything applied or rejected in ``sources`` (all when None), and every rejected
        free text."""
        said = Said()
        with self.store.reading() as session:
            names = dict(session.execute(select(Source.id, Source.name)).all())
            keys = dict(session.execute(select(Code.id, Code.key)).all())
            wanted = [i for i, n in names.items() if sources is None or n in sources]
            codings = select(Coding.source_id, Coding.start, Coding.end, Coding.code_id).where(
                Coding.placed.is_(True)
            )
            if sources is not None:
                codings = codings.where(Coding.source_id.in_(wanted))
            # while blind, what others applied or rejected must not steer this coder's suggestions
            codings = self.blind_scope(session, codings)
            for source_id, start, end, code_id in session.execute(codings):
                said.applied.setdefault(names[source_id], []).append((start, end, keys[code_id]))
            feedback = select(
                SuggestionFeedback.source_id,
                SuggestionFeedback.start,
                SuggestionFeedback.end,
                SuggestionFeedback.text,
                SuggestionFeedback.code_id,
            ).where(SuggestionFeedback.accepted.is_(False))
            only = self.blind_coder(session)
            if only is not None:
                own = select(Coder.id).where(Coder.name == only)
                feedback = feedback.where(SuggestionFeedback.coder_id.in_(own))
            for source_id, start, end, text, code_id in session.execute(feedback):
                key = keys.get(code_id)
                if key is None:
                    continue
                if source_id is None or start is None or end is None:
                    said.rejected_texts.setdefault(text, set()).add(key)
                elif source_id in names and (sources is None or names[source_id] in sources):
                    said.rejected.setdefault(names[source_id], []).append((start, end, key))
        return said

    def stored_analyses(self, names: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """``{source name: (key, data)}`` for those of ``names`` with a stored analysis."""
        wanted = set(names)
        if not wanted:
            return {}
        ensure_analysis_table(self.store)
        with self.store.reading() as session:
            found = session.execute(
                select(Source.name, SourceAnalysis.key, SourceAnalysis.data)
                .join(SourceAnalysis, SourceAnalysis.source_id == Source.id)
                .where(Source.name.in_(wanted))
            ).all()
        return {name: (key, data) for name, key, data in found}
