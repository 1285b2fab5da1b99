"""The project: the entry object through which the CLI, the TUI and every tool reach the data.

It holds the store and hands out the read side (``project.queries``, frozen views) and one
service per use case (``project.sources``, ``project.codebook``, ``project.codings``,
``project.settings``, ``project.exchange``, ``project.learning``). No session and no ORM row
leaves core.
"""

from __future__ import annotations

from pathlib import Path

from qualcoder_vs.core.queries import Queries
from qualcoder_vs.core.services.codebook import CodebookService
from qualcoder_vs.core.services.codings import CodingsService
from qualcoder_vs.core.services.exchange import ExchangeService
from qualcoder_vs.core.services.learning import LearningService
from qualcoder_vs.core.services.settings import SettingsService
from qualcoder_vs.core.services.sources import SourcesService
from qualcoder_vs.core.store import Store
from qualcoder_vs.core.views import EventView


class Project:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.queries = Queries(store)
        self.sources = SourcesService(store)
        self.codebook = CodebookService(store)
        self.codings = CodingsService(store)
        self.settings = SettingsService(store)
        self.exchange = ExchangeService(store)
        self.learning = LearningService(store)

    @classmethod
    def create(cls, location: str | Path, name: str | None = None) -> Project:
        return cls(Store.create(location, name))

    @classmethod
    def open(cls, location: str | Path) -> Project:
        return cls(Store.open(location))

    def view_as(self, coder: str) -> Project:
        """Say who is looking: while the project codes blind, every read of codings shows
        them only their own (agreement and the review still compare everyone)."""
        self.queries.viewer = coder
        return self

    @property
    def location(self) -> str:
        return self.store.location

    def close(self) -> None:
        self.store.close()

    def undo(self, *, coder: str) -> EventView | None:
        """Revert the latest action not undone yet; None when there is nothing to undo."""
        return self.store.undo(coder=coder)

    def redo(self, *, coder: str) -> EventView | None:
        """Re-apply the most recently undone action, unless a new action came after its undo."""
        return self.store.redo(coder=coder)
