"""Nothing is downloaded: building the pipeline, suggesting and training never open a socket."""

from __future__ import annotations

import socket

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp import pipeline
from qualcoder_vs.nlp.learner import train
from qualcoder_vs.nlp.suggester import build_engine


class NetworkUsed(AssertionError):
    pass


def test_no_network_for_pipeline_suggestions_and_training(
    nl_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(pipeline, "_pipelines", {})  # build from scratch, not from the cache

    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))  # the guard itself works
    assert train(nl_project).codings == 10
    engine = build_engine(nl_project)
    assert [s.code for s in engine.suggest("Er is geen budget en geen bevoegdheid.")] == ["mandaat"]
    assert pipeline.load_pipeline("en")("hiring policies")[1].lemma_ == "policy"
