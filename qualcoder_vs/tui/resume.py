"""Where each coder was in each project, so reopening returns there (issue 12.8).

A small JSON file in the user's state directory (``$XDG_STATE_HOME/qualcoder-vs/resume.json``,
else ``~/.local/state/...``; ``$QVS_STATE`` names another file), keyed by the project's id
and the coder: the last interview and the cursor in every interview. It is screen state,
not research data, so it lives beside the project rather than in it, and a file that cannot
be read or written is ignored (the workbench then opens as if for the first time).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENVIRONMENT = "QVS_STATE"


def state_path() -> Path:
    named = os.environ.get(ENVIRONMENT)
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "qualcoder-vs" / "resume.json"


class Resume:
    """One coder's places in one project."""

    def __init__(self, project_id: str, coder: str, path: Path | None = None) -> None:
        self.path = path or state_path()
        self.key = f"{project_id}/{coder}"

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _mine(self) -> dict[str, Any]:
        mine = self._read().get(self.key)
        return mine if isinstance(mine, dict) else {}

    @property
    def last_source(self) -> str | None:
        last = self._mine().get("last")
        return last if isinstance(last, str) else None

    def position(self, source_id: str) -> int | None:
        offset = self._mine().get("cursor", {}).get(source_id)
        return offset if isinstance(offset, int) and offset >= 0 else None

    def remember(self, source_id: str, cursor: int) -> None:
        """Note the coder's place, replacing the file in one step (never half written)."""
        data = self._read()
        mine = data.get(self.key) if isinstance(data.get(self.key), dict) else {}
        cursors = mine.get("cursor") if isinstance(mine.get("cursor"), dict) else {}
        cursors[source_id] = cursor
        data[self.key] = {"last": source_id, "cursor": cursors}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, delete=False, suffix=".tmp"
            ) as handle:
                json.dump(data, handle)
            Path(handle.name).replace(self.path)
        except OSError:
            return
