"""The suggestion engine's error, in a module without spaCy so the CLI can name it cheaply."""

from __future__ import annotations

from qualcoder_vs.core.errors import ProjectError


class NlpError(ProjectError):
    """A suggestion, training or evaluation problem, told in one line."""
