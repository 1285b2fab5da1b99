"""The Textual face of qualcoder-vs: the only package that imports Textual.

``app.QvsApp`` is the app; ``keys`` holds every binding; screens and widgets sit in their own
packages; ``layout``, ``navigation``, ``marks`` and ``readmodel`` are the screen-free logic the
transcript view stands on.
"""
