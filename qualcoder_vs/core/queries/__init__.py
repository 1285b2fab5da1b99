"""Every read of a project, returning frozen views: no ORM object leaves core.

``project.queries`` is one :class:`Queries`; its methods are grouped by what they read, one
module each, so a screen, a report, an export or the suggester finds its reads in one place.
"""

from __future__ import annotations

from qualcoder_vs.core.queries.agreement import AgreementQueries
from qualcoder_vs.core.queries.codes import CodeQueries
from qualcoder_vs.core.queries.codings import CodingQueries
from qualcoder_vs.core.queries.corpus import CorpusQueries
from qualcoder_vs.core.queries.material import MaterialQueries
from qualcoder_vs.core.queries.matrices import MatrixQueries
from qualcoder_vs.core.queries.project import ProjectQueries
from qualcoder_vs.core.queries.sources import SourceQueries
from qualcoder_vs.core.queries.suggestions import SuggestionQueries
from qualcoder_vs.core.store import Store

__all__ = ["Queries"]


class Queries(
    ProjectQueries,
    SourceQueries,
    CodeQueries,
    CodingQueries,
    MaterialQueries,
    MatrixQueries,
    CorpusQueries,
    SuggestionQueries,
    AgreementQueries,
):
    def __init__(self, store: Store) -> None:
        self.store = store
