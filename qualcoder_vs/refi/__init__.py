"""REFI-QDA exchange: QDPX projects and QDC codebooks, read leniently and written strictly.

Entry points: :func:`qualcoder_vs.refi.export.export_qdpx` and ``export_qdc``,
:func:`qualcoder_vs.refi.import_qdpx.import_qdpx` and
:func:`qualcoder_vs.refi.import_qdc.import_qdc`. Untrusted files pass through ``safe_archive``
and ``safe_xml`` only; text positions cross the border in ``positions``. Every refusal is a
:class:`qualcoder_vs.refi.errors.RefiError` with one line naming the file and the problem.
"""
