"""What every importer shares: the error it raises (kept in ``core.errors``, so the CLI catches
it without importing the importers). They return ``core.transcript``'s ``ParsedTranscript``."""

from __future__ import annotations

from qualcoder_vs.core.errors import TranscriptImportError

__all__ = ["TranscriptImportError"]
