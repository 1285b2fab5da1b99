"""What every importer shares: the error it raises. (They return ``core.transcript``'s
``ParsedTranscript``.)"""

from __future__ import annotations


class TranscriptImportError(Exception):
    """A file that cannot be read as a transcript; the message is one line, fit for the user."""
