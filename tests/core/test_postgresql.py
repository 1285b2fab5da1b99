"""The same project on PostgreSQL: proof that the core writes no SQL only SQLite understands.

A throw-away PostgreSQL cluster is started in a temporary folder when the server binaries are
on this machine; without them the test is skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.demo import DEMO_CODEBOOK, DEMO_TRANSCRIPTS
from qualcoder_vs.importers import parse_file
from qualcoder_vs.reports.quotes import QuoteFilter, load_quotes
from qualcoder_vs.reports.words import words_for


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres_user(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; CI runs as root, so drop to the postgres user."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    # Not under pytest's tmp_path: that folder is private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="qvs-pg-"))
    folder.chmod(0o755)
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    sockets.chmod(0o777)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run(_as_postgres_user([initdb, "-D", str(data), "-U", "qvs", "-A", "trust"]), **run)
    options = f"-k {sockets} -p {port} -c listen_addresses=''"
    log = str(folder / "server.log")
    subprocess.run(
        _as_postgres_user([pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"postgresql+psycopg://qvs@/postgres?host={sockets}&port={port}"
    finally:
        subprocess.run(_as_postgres_user([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), **run)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_whole_project_works_on_postgresql(postgres_url: str) -> None:
    project = Project.create(postgres_url, name="pg")
    project.codebook.load(load_codebook(DEMO_CODEBOOK), coder="pg")
    for name in ("gent.txt", "genk.vtt"):
        path = DEMO_TRANSCRIPTS / name
        project.sources.import_transcript(
            parse_file(path),
            name=path.stem,
            filename=name,
            sha256=uuid.uuid4().hex,
            attributes={"stad": path.stem.title()},
            coder="pg",
        )
    start, end = project.queries.locate_quote("gent", "van de tweeënvijftig studenten")
    [coding] = project.codings.add("gent", start, end, ["stages"], coder="pg", important=True)
    project.codings.add("genk", 10, 60, ["visie", "mandaat"], coder="an")
    summaries = {s.name: s for s in project.queries.sources()}
    assert summaries["gent"].codings == 1 and summaries["genk"].codings == 2
    assert summaries["gent"].coded_respondent_turns == 1
    assert [c.code for c in project.queries.codings(coder="an")] == ["visie", "mandaat"]
    quotes = load_quotes(project, QuoteFilter(codes=("stages",)), words=words_for("nl")).quotes
    assert [q.text for q in quotes] == ["van de tweeënvijftig studenten"]

    project.codings.remove([coding.id], coder="pg")
    assert project.undo(coder="pg") is not None
    assert [c.id for c in project.queries.codings(code="stages")] == [coding.id]
    assert project.redo(coder="pg") is not None
    assert project.queries.codings(code="stages") == []

    again = Project.open(postgres_url)
    assert again.queries.info().name == "pg"
    assert len(again.queries.codes()) == 25
    project.close()
    again.close()


def test_team_coding_works_on_postgresql(postgres_url: str) -> None:
    """Agreement, blind coding, consensus and a review decision: portable SQL too."""
    url = postgres_url.replace("/postgres?", "/team?")
    admin = Project.open(postgres_url)
    engine = admin.store.engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("CREATE DATABASE team")
    admin.close()
    project = Project.create(url, name="team")
    project.codebook.load(load_codebook(DEMO_CODEBOOK), coder="lead")
    path = DEMO_TRANSCRIPTS / "gent.txt"
    project.sources.import_transcript(
        parse_file(path), name="gent", filename="gent.txt", sha256="g", attributes={}, coder="lead"
    )
    start, end = project.queries.locate_quote("gent", "van de tweeënvijftig studenten")
    project.codings.add("gent", start, end, ["stages"], coder="an")
    project.codings.add("gent", start - 20, end, ["stages"], coder="bo")
    project.codings.add("gent", start, end, ["visie"], coder="bo")

    project.settings.set_blind(True, coder="lead")
    reopened = Project.open(url)
    assert reopened.queries.blind()
    reopened.close()
    report = project.queries.agreement_input(coders=["an", "bo"]).report("character")
    assert [c.code for c in report.codes] == ["visie", "stages"]
    project.codings.consensus(["an", "bo"], rule="intersection", coder="lead")
    assert [c.text for c in project.queries.codings(coder="consensus")] == [
        "van de tweeënvijftig studenten"
    ]
    review = project.queries.review(["an", "bo"], unit="character")
    project.codings.settle(review.items[0].disagreement, "bo", coders=["an", "bo"], coder="lead")
    assert project.queries.review(["an", "bo"], unit="character").settled == 1
    assert project.undo(coder="lead") is not None
    project.close()
