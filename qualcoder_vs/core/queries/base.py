"""What every query group shares: the store it reads through."""

from __future__ import annotations

from qualcoder_vs.core.store import Store


class QueryGroup:
    store: Store
