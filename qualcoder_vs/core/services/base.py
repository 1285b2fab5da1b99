"""What every service shares: the store it writes through."""

from __future__ import annotations

from qualcoder_vs.core.store import Store


class Service:
    def __init__(self, store: Store) -> None:
        self.store = store
