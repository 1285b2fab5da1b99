"""spaCy's ``textcat_multilabel`` over bags of lemmas, small enough to train in seconds.

The classifier never sees raw text: its docs are the passage's lemmas and compound parts, and
the words of the question before it marked with ``?``, so it learns from what a topic is
called rather than how a word happens to be inflected. A bag-of-words model with a small hash
table keeps training on 2,000 codings to a few seconds on two cores, and its bytes small
enough to keep in the project database.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from spacy.vocab import Vocab

COMPONENT = "textcat_multilabel"
CONFIG = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 2**15,
    }
}
MIN_EPOCHS = 5
MAX_EPOCHS = 10
MIN_IMPROVEMENT = 0.03
BATCH = 16
SEED = 0
QUESTION_MARK = "?"
EMPTY = "_"


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """A passage's bags and what is known of its codes; a code left out is unknown."""

    own: Mapping[str, float]
    question: Mapping[str, float]
    cats: Mapping[str, float]


class Classifier:
    def __init__(self, labels: Sequence[str]) -> None:
        self.nlp = Language(Vocab())
        self.component = self.nlp.add_pipe(COMPONENT, config=CONFIG)
        for label in labels:
            self.component.add_label(label)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.component.labels)

    @classmethod
    def from_bytes(cls, data: bytes) -> Classifier:
        classifier = cls(())
        classifier.component.from_bytes(data)
        return classifier

    def to_bytes(self) -> bytes:
        return self.component.to_bytes()

    def doc(self, own: Mapping[str, float], question: Mapping[str, float]) -> Doc:
        words = [w for w, n in own.items() for _ in range(max(1, round(n)))]
        words += [QUESTION_MARK + w for w in question]
        return Doc(self.nlp.vocab, words=words or [EMPTY])

    def train(self, examples: Sequence[TrainingExample]) -> int:
        """Train from scratch for 5 to 10 epochs, stopping early once an epoch lowers the
        training loss by less than 3 %; returns the number of epochs run."""
        fix_random_seed(SEED)
        prepared = [
            Example.from_dict(self.doc(e.own, e.question), {"cats": dict(e.cats)}) for e in examples
        ]
        optimizer = self.nlp.initialize(lambda: prepared)
        order = random.Random(SEED)
        previous = float("inf")
        for epoch in range(1, MAX_EPOCHS + 1):
            order.shuffle(prepared)
            losses: dict[str, float] = {}
            for batch in minibatch(prepared, size=BATCH):
                self.nlp.update(batch, sgd=optimizer, losses=losses, drop=0.0)
            loss = losses.get(COMPONENT, 0.0)
            if epoch >= MIN_EPOCHS and loss > previous * (1.0 - MIN_IMPROVEMENT):
                return epoch
            previous = loss
        return MAX_EPOCHS

    def __call__(self, own: Mapping[str, float], question: Mapping[str, float]) -> dict[str, float]:
        return dict(self.component(self.doc(own, question)).cats)
