"""Passages through the pipeline once: docs, content terms and bags, remembered by text.

Questions recur across every answer of an interview and evaluation scores the same passages
fold after fold, so each distinct text is parsed once per analyser (``nlp.pipe`` in batches).
Docs parsed earlier and stored in the project (see ``stored``) can be handed in with
:meth:`Analyser.remember`, so a corpus pass reads them instead of parsing again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from qualcoder_vs.nlp.features import Featurizer, Term
from qualcoder_vs.nlp.passages import Passage
from qualcoder_vs.nlp.scoring import Analysed

BATCH = 64
MAX_REMEMBERED = 200_000


class Analyser:
    def __init__(self, featurizer: Featurizer) -> None:
        self.featurizer = featurizer
        self._seen: dict[str, tuple[Doc, list[Term], Counter[str]]] = {}

    def remember(self, texts: Sequence[str], docs: Sequence[Doc]) -> None:
        """Docs analysed earlier (read from the project) for these texts."""
        for text, doc in zip(texts, docs, strict=True):
            if text not in self._seen and doc.text == text:
                self._store(text, doc)

    def _store(self, text: str, doc: Doc) -> tuple[Doc, list[Term], Counter[str]]:
        if len(self._seen) >= MAX_REMEMBERED:
            self._seen.clear()
        terms = self.featurizer.terms(doc)
        found = (doc, terms, self.featurizer.bag(terms))
        self._seen[text] = found
        return found

    def parse(self, texts: Iterable[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._seen))
        nlp = self.featurizer.nlp
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=BATCH), strict=True):
            self._store(text, doc)

    def docs(self, texts: Sequence[str]) -> list[Doc]:
        self.parse(texts)
        return [self._seen[t][0] for t in texts]

    def bag(self, text: str) -> Counter[str]:
        self.parse([text])
        return self._seen[text][2]

    def analyse(self, passages: Sequence[Passage]) -> list[Analysed]:
        self.parse([*(p.text for p in passages), *(p.context for p in passages)])
        found = []
        for passage in passages:
            doc, terms, own = self._seen[passage.text]
            question = self._seen[passage.context][2]
            found.append(Analysed(passage, doc, terms, own, question))
        return found
