"""The codebook: the code tree, the codebook as YAML writes it, and counts per code."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.codebook import Codebook, CodeSpec
from qualcoder_vs.core.models import Code, Coder, Coding
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.views import CodeTree, CodeView


def codebook_in(session: Session) -> Codebook:
    """The codebook of the project ``session`` reads: its name, language and code tree."""
    info = rows.info_in(session)
    book = Codebook(name=info.name, language=info.language)
    for code in rows.code_tree_in(session):
        book.entries.append(
            CodeSpec(
                key=code.key,
                label=code.label,
                is_theme=code.is_theme,
                parent=code.parent,
                theme=code.theme,
                colour=code.colour,
                description=code.description,
                include=code.include,
                exclude=code.exclude,
                keywords=code.keywords,
                examples=code.examples,
            )
        )
    return book


class CodeQueries(QueryGroup):
    def code_tree(self) -> CodeTree:
        """Themes and codes in display order: the one code tree every reader uses."""
        with self.store.reading() as session:
            return rows.code_tree_in(session)

    def codes(self) -> list[CodeView]:
        """The code tree as a list, in display order."""
        return list(self.code_tree())

    def codebook(self) -> Codebook:
        """The project's codes as a codebook, ready to be written back to YAML."""
        with self.store.reading() as session:
            return codebook_in(session)

    def code_counts(self, source_id: uuid.UUID | None) -> tuple[Counter[str], Counter[str]]:
        """Codings per code key: in ``source_id`` and in the whole project."""
        per_code = (
            select(Code.key, func.count(Coding.id))
            .join(Coding, Coding.code_id == Code.id)
            .group_by(Code.key)
        )
        with self.store.reading() as session:
            per_code = self.blind_scope(session, per_code)
            total = Counter(dict(session.execute(per_code).all()))  # type: ignore[arg-type]
            here: Counter[str] = Counter()
            if source_id is not None:
                here = Counter(
                    dict(session.execute(per_code.where(Coding.source_id == source_id)).all())  # type: ignore[arg-type]
                )
        return here, total

    def recent_codes(self, coder: str, limit: int) -> list[str]:
        """The codes this coder applied last, newest first."""
        latest = func.max(Coding.created)
        with self.store.reading() as session:
            return list(
                session.scalars(
                    select(Code.key)
                    .join(Coding, Coding.code_id == Code.id)
                    .join(Coder, Coding.coder_id == Coder.id)
                    .where(Coder.name == coder)
                    .group_by(Code.key)
                    .order_by(latest.desc(), Code.key)
                    .limit(limit)
                )
            )
