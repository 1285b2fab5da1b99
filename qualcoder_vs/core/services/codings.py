"""Codings: code and uncode, memo and mark important, autocode, and answers to suggestions.

An accepted suggestion becomes a coding (origin ``suggestion``) with an accepted-feedback row;
a rejected one is a negative example for the learner. Autocode applies one code to many
passages in one action, so one ``qvs undo`` reverts them all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcoder_vs.core import rows
from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import Coding, SuggestionFeedback
from qualcoder_vs.core.queries.agreement import DEFAULT_CONSENSUS_CODER
from qualcoder_vs.core.services.base import Service
from qualcoder_vs.core.views import CodingView, Origin

if TYPE_CHECKING:  # numpy comes with the agreement computation, not with every command
    from qualcoder_vs.core.agreement import Disagreement
    from qualcoder_vs.core.services.consensus import ConsensusResult


@dataclass(frozen=True, slots=True)
class PassageRef:
    """A passage of a source by name: ``[start, end)``."""

    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteCoding:
    """A code for the one place a quote occurs in a source (the demo's codings)."""

    source: str
    code: str
    quote: str
    memo: str = ""
    important: bool = False


class CodingsService(Service):
    def add(
        self,
        source_ref: str,
        start: int,
        end: int,
        code_keys: Sequence[str],
        *,
        coder: str,
        memo: str = "",
        important: bool = False,
        origin: str = Origin.MANUAL,
    ) -> list[CodingView]:
        """Apply codes to ``[start, end)``; a code this coder already has there is skipped."""
        if not code_keys:
            raise ProjectError("no code given")
        if origin not in set(Origin):
            raise ProjectError(f"unknown origin '{origin}'")
        summary = f"code {', '.join(code_keys)} at {source_ref}[{start}:{end}]"
        with self.store.action("coding.add", summary, coder) as session:
            source = rows.source_in(session, source_ref)
            rows.check_range(source, start, end)
            created = rows.code_passage(
                session,
                source,
                start,
                end,
                [rows.code_in(session, key) for key in code_keys],
                rows.coder_in(session, coder),
                memo=memo,
                important=important,
                origin=origin,
            )
            return [rows.coding_view(session, c) for c in created]

    def remove(self, ids: Sequence[uuid.UUID], *, coder: str) -> list[CodingView]:
        with self.store.action("coding.remove", f"remove {len(ids)} coding(s)", coder) as session:
            found = []
            for coding_id in ids:
                coding = session.get(Coding, coding_id)
                if coding is None:
                    raise NotFoundError(f"unknown coding '{coding_id}'")
                found.append(rows.coding_view(session, coding))
                session.delete(coding)
            return found

    def update(
        self,
        coding_id: uuid.UUID,
        *,
        coder: str,
        memo: str | None = None,
        important: bool | None = None,
    ) -> CodingView:
        """A new memo, or the important mark set or cleared."""
        with self.store.action("coding.update", f"update coding {coding_id}", coder) as session:
            coding = session.get(Coding, coding_id)
            if coding is None:
                raise NotFoundError(f"unknown coding '{coding_id}'")
            if memo is not None:
                coding.memo = memo
            if important is not None:
                coding.important = important
            session.flush()
            return rows.coding_view(session, coding)

    def code_quotes(
        self, items: Sequence[QuoteCoding], *, coder: str, kind: str, summary: str, origin: str
    ) -> int:
        """Code each quote where it occurs, all in one action; a quote that is not found exactly
        once is an error and nothing is stored."""
        with self.store.action(kind, summary, coder) as session:
            who = rows.coder_in(session, coder)
            for item in items:
                source = rows.source_in(session, item.source)
                start = source.text.find(item.quote)
                if start < 0 or source.text.find(item.quote, start + 1) >= 0:
                    raise ProjectError(
                        f"quote for {item.code} in {item.source} is not found exactly once: "
                        f"'{item.quote[:50]}'"
                    )
                rows.code_passage(
                    session,
                    source,
                    start,
                    start + len(item.quote),
                    [rows.code_in(session, item.code)],
                    who,
                    memo=item.memo,
                    important=item.important,
                    origin=origin,
                )
        return len(items)

    def autocode(
        self, code: str, passages: Sequence[PassageRef], *, coder: str, summary: str
    ) -> int:
        """Apply ``code`` (origin ``suggestion``) to every passage in one action."""
        with self.store.action("suggestion.autocode", summary, coder) as session:
            code_row = rows.code_in(session, code)
            coder_row = rows.coder_in(session, coder)
            sources = {}
            for passage in passages:
                if passage.source not in sources:
                    sources[passage.source] = rows.source_in(session, passage.source)
                rows.code_passage(
                    session,
                    sources[passage.source],
                    passage.start,
                    passage.end,
                    [code_row],
                    coder_row,
                    origin=Origin.SUGGESTION,
                )
        return len(passages)

    # -- answers to suggestions ------------------------------------------------------------------

    def accept_suggestion(
        self, source_ref: str, start: int, end: int, code: str, *, coder: str
    ) -> list[CodingView]:
        """The coding (origin ``suggestion``) and an accepted-feedback row, in one action."""
        summary = f"accept suggestion {code} at {source_ref}[{start}:{end}]"
        with self.store.action("suggestion.accept", summary, coder) as session:
            source = rows.source_in(session, source_ref)
            if not 0 <= start < end <= len(source.text):
                raise ProjectError(f"range [{start}, {end}) is not a passage of {source.name}")
            code_row = rows.code_in(session, code)
            who = rows.coder_in(session, coder)
            created = rows.code_passage(
                session, source, start, end, [code_row], who, origin=Origin.SUGGESTION
            )
            if not created:
                raise ProjectError(f"{source.name}[{start}:{end}] already has {code} by {coder}")
            session.add(
                SuggestionFeedback(
                    source_id=source.id,
                    start=start,
                    end=end,
                    text=source.text[start:end],
                    code_id=code_row.id,
                    accepted=True,
                    coder_id=who.id,
                )
            )
            return [rows.coding_view(session, coding) for coding in created]

    def reject_suggestion(
        self,
        code: str,
        *,
        coder: str,
        text: str | None = None,
        source_ref: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        """Store a rejection; give the passage by source range or, for free text, by ``text``."""
        with self.store.action("suggestion.reject", f"reject suggestion {code}", coder) as session:
            code_row = rows.code_in(session, code)
            source_id = None
            if source_ref is not None:
                source = rows.source_in(session, source_ref)
                if start is None or end is None or not 0 <= start < end <= len(source.text):
                    raise ProjectError(f"bad range for a rejected suggestion in {source.name}")
                source_id, text = source.id, source.text[start:end]
            if not text:
                raise ProjectError("a rejected suggestion needs a passage")
            session.add(
                SuggestionFeedback(
                    source_id=source_id,
                    start=start,
                    end=end,
                    text=text,
                    code_id=code_row.id,
                    accepted=False,
                    coder_id=rows.coder_in(session, coder).id,
                )
            )

    # -- consensus (the work is in services/consensus.py) ----------------------------------

    def consensus(
        self,
        coders: Sequence[str],
        *,
        into: str = DEFAULT_CONSENSUS_CODER,
        rule: str = "intersection",
        coder: str,
    ) -> ConsensusResult:
        """The consensus coder's codings in one step by ``rule`` (one undoable action)."""
        from qualcoder_vs.core.services.consensus import apply_consensus

        return apply_consensus(self.store, coders, into=into, rule=rule, coder=coder)

    def settle(
        self,
        item: Disagreement,
        choice: str,
        *,
        coders: Sequence[str],
        into: str = DEFAULT_CONSENSUS_CODER,
        edit: tuple[int, int] | None = None,
        coder: str,
    ) -> None:
        """Settle one disagreement into the consensus coder's codings (one undoable action)."""
        from qualcoder_vs.core.services.consensus import settle

        settle(self.store, item, choice, coders=coders, into=into, edit=edit, coder=coder)
