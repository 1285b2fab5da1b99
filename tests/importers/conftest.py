"""The third-party corpus for importer tests, read in place through QVS_SHARED."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def external(shared_dir: Path) -> Path:
    """The folder of third-party transcripts; never copied into the repository."""
    return shared_dir / "corpus" / "external"
