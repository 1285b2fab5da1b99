"""Interview texts with their turns, and the respondents' words (overall or under codes)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from qualcoder_vs.core.corpus import Passage, SourceText, respondent_spans, whole_text_turn
from qualcoder_vs.core.matrices import MatrixError, matching_sources, wanted_codes
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.queries.sources import turn_views


class CorpusQueries(QueryGroup):
    def interview_texts(self, ids: Sequence[uuid.UUID] | None = None) -> list[SourceText]:
        """Every interview (or those of ``ids``) in natural order, with its turns."""
        views = self.source_texts()  # type: ignore[attr-defined]
        if ids is not None:
            wanted = set(ids)
            views = [v for v in views if v.id in wanted]
        with self.store.reading() as session:
            turns = turn_views(session, [v.id for v in views])
        return [
            SourceText(
                v.id,
                v.name,
                dict(v.attributes),
                v.text,
                tuple(turns[v.id] or [whole_text_turn(v.id, v.text)]),
            )
            for v in views
        ]

    def respondent_passages(
        self,
        *,
        codes: Sequence[str] = (),
        where: Sequence[tuple[str, str]] = (),
        coder: str | None = None,
    ) -> list[Passage]:
        """The respondents' words: their whole turns, or with ``codes`` (or ``coder``) only the
        parts of their turns those codings cover (codes below a theme included), each stretch
        once. Unknown codes, coders and attributes raise :class:`MatrixError`."""
        data = self.matrix_data(with_turns=False)  # type: ignore[attr-defined]
        sources = matching_sources(data.sources, where)
        if coder is not None and coder not in data.coders:
            coders = ", ".join(data.coders) or "none"
            raise MatrixError(f"unknown coder '{coder}' (coders: {coders})")
        code_ids = {c.id for c in wanted_codes(data.codes, codes)}
        narrowed = bool(codes) or coder is not None
        covered: dict[uuid.UUID, list[tuple[int, int]]] = {}
        for coding in data.codings:
            if coding.code_id in code_ids and (coder is None or coding.coder == coder):
                covered.setdefault(coding.source_id, []).append((coding.start, coding.end))
        ids = [s.id for s in sources if not narrowed or s.id in covered]
        return [
            Passage(source.id, source.name, start, end, source.text[start:end])
            for source in self.interview_texts(ids)
            for start, end in respondent_spans(source, covered.get(source.id) if narrowed else None)
            if start < end
        ]
