"""What the code matrices count: codes, interviews, codings and turns as plain frozen data."""

from __future__ import annotations

from sqlalchemy import select

from qualcoder_vs.core import rows
from qualcoder_vs.core.matrices import MatrixCoding, MatrixData, MatrixSource
from qualcoder_vs.core.models import Coder, Coding, Source
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.queries.sources import turn_views
from qualcoder_vs.core.text import natural_key


class MatrixQueries(QueryGroup):
    def matrix_data(self, *, with_turns: bool = True) -> MatrixData:
        """Everything :func:`qualcoder_vs.core.matrices.build_matrix` counts, in one session and
        a few column queries (10,000 codings in a fraction of a second); turns only when asked,
        for respondents and co-occurrence within a turn."""
        with self.store.reading() as session:
            tree = rows.code_tree_in(session)
            sources = sorted(
                (
                    MatrixSource(
                        row.id,
                        row.name,
                        {str(k): str(v) for k, v in (row.attributes or {}).items()},
                    )
                    for row in session.execute(select(Source.id, Source.name, Source.attributes))
                ),
                key=lambda s: natural_key(s.name),
            )
            codings = tuple(
                MatrixCoding(*row)
                for row in session.execute(
                    self.blind_scope(
                        session,
                        select(
                            Coding.id,
                            Coding.source_id,
                            Coding.code_id,
                            Coder.name,
                            Coding.start,
                            Coding.end,
                            Coding.placed,
                        ).join(Coder, Coding.coder_id == Coder.id),
                    )
                )
            )
            coders = tuple(session.scalars(select(Coder.name).order_by(Coder.name)))
            turns = (
                tuple(
                    turn
                    for found in turn_views(session, [s.id for s in sources]).values()
                    for turn in found
                )
                if with_turns
                else ()
            )
        return MatrixData(
            codes=tree.codes, sources=tuple(sources), codings=codings, turns=turns, coders=coders
        )
