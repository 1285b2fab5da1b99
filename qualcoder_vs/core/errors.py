"""The errors a user can cause, each with a one-line message fit to print as it is.

They live apart from the modules that raise them so the CLI can catch them without importing
SQLAlchemy, YAML or the importers: `qvs --help` starts without any of those.
"""

from __future__ import annotations


class ProjectError(Exception):
    """A problem with the user's data or request; its message is one line fit for the user."""


class NotFoundError(ProjectError):
    """A source, code, coding or project that does not exist."""


class CodebookError(ValueError):
    """An invalid codebook; the message names the file and line."""


class TranscriptImportError(Exception):
    """A file that cannot be read as a transcript; the message is one line, fit for the user."""
