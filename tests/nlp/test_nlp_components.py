"""The model as spaCy components: registered factories, initialize, to_bytes/from_bytes."""

from __future__ import annotations

from spacy.language import Language
from sqlalchemy import select

from qualcoder_vs.core.models import StoredModel
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.components import (
    CODEBOOK,
    SCORER,
    codebook_of,
    model_from_bytes,
    model_pipeline,
    model_to_bytes,
    scorer_of,
)
from qualcoder_vs.nlp.learner import code_profiles, train
from qualcoder_vs.nlp.pipeline import load_pipeline

TEXT = "De taaltest en het selectiegesprek sluiten mensen uit."


def test_the_components_are_registered_factories() -> None:
    assert Language.has_factory(CODEBOOK)
    assert Language.has_factory(SCORER)


def test_a_cold_model_pipeline_scores_docs_of_the_analysing_pipeline(
    uncoded_project: Project,
) -> None:
    model = model_pipeline(code_profiles(uncoded_project), "nl")
    assert model.pipe_names == [CODEBOOK, SCORER]
    cats = model(load_pipeline("nl")(TEXT)).cats
    assert max(cats, key=cats.__getitem__) == "poortwachters"
    again = model_from_bytes(model_to_bytes(model))
    assert sorted(p.key for p in codebook_of(again).profiles) == sorted(cats)
    assert scorer_of(again).model is None
    assert again(load_pipeline("nl")(TEXT)).cats == cats


def test_the_project_stores_the_model_pipelines_bytes(nl_project: Project) -> None:
    train(nl_project)
    with nl_project.store.reading() as session:
        data = session.scalars(select(StoredModel.data)).one()
    model = model_from_bytes(data)
    learned = scorer_of(model).model
    assert learned is not None and learned.count("stages") == 2
    cats = model(load_pipeline("nl")(TEXT)).cats
    assert max(cats, key=cats.__getitem__) == "poortwachters"
    # bytes of the read-back pipeline read back to the same scores
    assert model_from_bytes(model_to_bytes(model))(load_pipeline("nl")(TEXT)).cats == cats
