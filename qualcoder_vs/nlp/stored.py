"""Each source's turns analysed once and kept in the project, read back instead of parsed.

A source's analysis is a spaCy ``DocBin`` of its respondent turns and the questions before
them (tokens, lemmas, sentence starts), stored per source (``core.analyses``). Its key is a
hash of those texts and of the pipeline that made it, so replacing a source, changing who
the interviewer is or upgrading the pipeline makes the stored analysis miss, and the source
is analysed again and stored anew: nothing stale is ever read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib.metadata import version

import spacy
from spacy.tokens import DocBin

from qualcoder_vs.core.analyses import store_analyses, stored_analyses
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.analysis import Analyser
from qualcoder_vs.nlp.passages import SourceTurns

ANALYSIS_FORMAT = "1"
ATTRS = ["ORTH", "LEMMA", "SENT_START"]


def source_texts(turns: SourceTurns) -> list[str]:
    """The texts of a source that passages are cut from or asked by, in order, once each."""
    texts = [p.text for p in turns.turn_passages()]
    texts += [p.context for p in turns.turn_passages()]
    return list(dict.fromkeys(texts))


def analysis_key(lang: str, texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    pipeline = f"{ANALYSIS_FORMAT}|{lang}|{spacy.__version__}|{version('simplemma')}"
    digest.update(pipeline.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()


def load_analyses(project: Project, analyser: Analyser, sources: Sequence[SourceTurns]) -> int:
    """Hand the stored docs of ``sources`` to ``analyser``; analyse and store those whose
    analysis is missing or stale. Returns how many sources were analysed anew."""
    nlp = analyser.featurizer.nlp
    texts = {s.name: source_texts(s) for s in sources}
    keys = {name: analysis_key(nlp.lang, t) for name, t in texts.items()}
    stored = stored_analyses(project, texts)
    fresh: dict[str, tuple[str, bytes]] = {}
    for name, source_texts_ in texts.items():
        found = stored.get(name)
        if found is not None and found[0] == keys[name]:
            docs = list(DocBin().from_bytes(found[1]).get_docs(nlp.vocab))
            if len(docs) == len(source_texts_):
                analyser.remember(source_texts_, docs)
                continue
        docs = analyser.docs(source_texts_)
        binned = DocBin(attrs=ATTRS, docs=docs)
        fresh[name] = (keys[name], binned.to_bytes())
    store_analyses(project, fresh)
    return len(fresh)
