"""Fixtures for REFI-QDA tests: the exchange project, and the REFI schemas and samples from the
shared folder (skipped with a reason when QVS_SHARED is not set)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from refi_support import build_exchange_project

from qualcoder_vs.core.project import Project


@pytest.fixture
def exchange_project(tmp_path: Path) -> Iterator[Project]:
    project = build_exchange_project(tmp_path / "exchange.qvs")
    yield project
    project.close()


@pytest.fixture
def refi_dir(shared_dir: Path) -> Path:
    return shared_dir / "refi-qda"


@pytest.fixture
def project_schema(refi_dir: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(refi_dir / "schemas" / "Project-mrt2019.xsd")))


@pytest.fixture
def codebook_schema(refi_dir: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(refi_dir / "schemas" / "Codebook.xsd")))
