"""Hostile QDPX files, crafted here: each is refused with one clear line, nothing is written
outside (or at all), and a project it was aimed at stays as it was."""

from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.import_qdc import import_qdc
from qualcoder_vs.refi.import_qdpx import import_qdpx
from qualcoder_vs.refi.safe_archive import ArchiveLimits, SafeArchive
from qualcoder_vs.refi.safe_xml import _parser, parse_xml

VALID_QDE = b"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="test">
  <Sources>
    <TextSource guid="5d1b1b4e-1e0a-4c57-9d6e-3c3f8f7a1a01" name="een"
        plainTextPath="internal://5d1b1b4e-1e0a-4c57-9d6e-3c3f8f7a1a01.txt"/>
  </Sources>
</Project>
"""
SOURCE = "sources/5d1b1b4e-1e0a-4c57-9d6e-3c3f8f7a1a01.txt"

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>
"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Project [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>
"""


def make_zip(path: Path, members: dict[str, bytes], *, symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, data)
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Where a zip-slip entry would land; the archive and the target project live below it."""
    inside = tmp_path / "werk" / "diep"
    inside.mkdir(parents=True)
    return tmp_path


def refused(archive: Path, target: Path, pattern: str) -> None:
    """The import fails with a one-line RefiError naming the archive, and leaves no project."""
    with pytest.raises(RefiError, match=pattern) as caught:
        import_qdpx(archive, str(target), coder="tester")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(archive))
    assert not target.exists()
    assert not Path(str(target) + "-wal").exists()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.txt", "climbs out"),
        ("sources/../../evil.txt", "climbs out"),
        ("..\\..\\evil.txt", "climbs out"),
        ("/tmp/evil.txt", "absolute path"),
        ("\\evil.txt", "absolute path"),
        ("C:\\evil.txt", "absolute path"),
        ("C:/evil.txt", "absolute path"),
    ],
)
def test_zip_slip_names_are_refused_and_nothing_is_written(
    outside: Path, name: str, reason: str
) -> None:
    work = outside / "werk" / "diep"
    archive = make_zip(work / "slip.qdpx", {"project.qde": VALID_QDE, name: b"gotcha"})
    before = files_under(outside)
    refused(archive, work / "doel.qvs", reason)
    assert files_under(outside) == before
    assert not (outside / "evil.txt").exists()


def test_symbolic_links_are_refused(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "link.qdpx",
        {"project.qde": VALID_QDE, SOURCE: b"/etc/passwd"},
        symlinks=(SOURCE,),
    )
    refused(archive, tmp_path / "doel.qvs", "symbolic link")


def test_a_zip_bomb_member_is_refused_by_its_ratio(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "bom.qdpx", {"project.qde": VALID_QDE, SOURCE: b"\0" * (8 * 1024 * 1024)}
    )
    refused(archive, tmp_path / "doel.qvs", "expands .* times")


def test_too_much_unpacked_data_in_total_is_refused(tmp_path: Path) -> None:
    members = {"project.qde": VALID_QDE}
    members.update({f"sources/{n}.txt": bytes(range(256)) * 64 for n in range(20)})
    archive = make_zip(tmp_path / "groot.qdpx", members)
    limits = ArchiveLimits(max_declared_bytes=200_000)
    with pytest.raises(RefiError, match="unpacks to more than 0 MB"):
        SafeArchive(archive, limits)


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    members = {"project.qde": VALID_QDE}
    members.update({f"sources/{n}.txt": b"x" for n in range(10_000)})
    archive = make_zip(tmp_path / "veel.qdpx", members)
    refused(archive, tmp_path / "doel.qvs", r"too many entries \(10001; the limit is 10000\)")


def claim_size(archive: Path, name: str, size: int) -> None:
    """Rewrite both zip headers of ``name`` so they claim ``size`` unpacked bytes."""
    data = bytearray(archive.read_bytes())
    encoded = name.encode()
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while data[at + name_at : at + name_at + len(encoded)] != encoded:
            at = data.find(signature, at + 4)
        struct.pack_into("<I", data, at + size_at, size)
    archive.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("offset", "value", "pattern"),
    [
        (10, 60_000, r"too many entries \(60000; the limit is 10000\)"),
        (12, 100 * 1024**2, "table of contents is 100 MB"),
    ],
)
def test_the_end_record_is_checked_before_the_directory_is_read(
    tmp_path: Path, offset: int, value: int, pattern: str
) -> None:
    """A directory claiming millions of entries is refused before ``zipfile`` reads it."""
    archive = make_zip(tmp_path / "eind.qdpx", {"project.qde": VALID_QDE})
    data = bytearray(archive.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<H" if offset == 10 else "<I", data, end + offset, value)
    archive.write_bytes(bytes(data))
    refused(archive, tmp_path / "doel.qvs", pattern)


def test_a_member_that_unpacks_to_more_than_its_header_says_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "liegt.qdpx", {"project.qde": VALID_QDE, SOURCE: b"a" * 5000})
    claim_size(archive, SOURCE, 100)
    refused(archive, tmp_path / "doel.qvs", f"entry '{SOURCE}' (is corrupt|unpacks to more)")


def test_corrupt_member_data_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kapot.qdpx", {"project.qde": VALID_QDE * 20})
    data = bytearray(archive.read_bytes())
    data[60:90] = bytes(30)  # inside the compressed stream of project.qde
    archive.write_bytes(bytes(data))
    refused(archive, tmp_path / "doel.qvs", "entry 'project.qde' is corrupt")


@pytest.mark.parametrize("content", [b"this is not a zip at all", b"PK\x03\x04 truncated", b""])
def test_a_corrupt_zip_is_refused(tmp_path: Path, content: bytes) -> None:
    archive = tmp_path / "kapot.qdpx"
    archive.write_bytes(content)
    refused(archive, tmp_path / "doel.qvs", "not a valid QDPX archive")


def test_a_truncated_zip_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "half.qdpx", {"project.qde": VALID_QDE, SOURCE: b"tekst"})
    archive.write_bytes(archive.read_bytes()[:-40])
    refused(archive, tmp_path / "doel.qvs", "not a valid QDPX archive")


def test_an_archive_without_project_qde_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "leeg.qdpx", {SOURCE: b"tekst"})
    refused(archive, tmp_path / "doel.qvs", "no project.qde inside")


@pytest.mark.parametrize(
    ("xml", "pattern"),
    [
        (XXE, "declares a DOCTYPE"),
        (LAUGHS, "declares a DOCTYPE"),
        ("\ufeff".encode("utf-16-le") + XXE.decode().encode("utf-16-le"), "declares a DOCTYPE"),
        (b"<Project name='p'><Sources></Project>", "not well-formed XML"),
        (b"<?xml version='1.0'?>", "not well-formed XML"),
        (b"\xff\xfe\x00garbage", "not well-formed XML|not XML"),
        (b"<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>", "not a REFI-QDA project .* codebook"),
    ],
)
def test_hostile_or_broken_xml_is_refused(tmp_path: Path, xml: bytes, pattern: str) -> None:
    archive = make_zip(tmp_path / "xml.qdpx", {"project.qde": xml})
    refused(archive, tmp_path / "doel.qvs", pattern)


def test_entities_are_not_expanded_even_past_the_doctype_check() -> None:
    """The parser itself resolves nothing: an entity reference stays a reference."""
    document = XXE.replace(
        b'name="&secret;"/>', b'name="p"><Description>&secret;</Description></Project>'
    )
    root = etree.fromstring(document, _parser())
    text = "".join(root.itertext())
    assert "root:" not in text
    assert root[0][0].tag is etree.Entity


def test_a_hostile_archive_leaves_an_existing_project_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "bestaand.qvs"
    Project.create(target, name="bestaand").close()
    project = Project.open(target)
    history = len(project.queries.history())
    project.close()
    archive = make_zip(tmp_path / "xxe.qdpx", {"project.qde": XXE})
    with pytest.raises(RefiError, match="declares a DOCTYPE"):
        import_qdpx(archive, str(target), coder="tester")
    project = Project.open(target)
    assert len(project.queries.history()) == history
    assert project.queries.info().name == "bestaand"
    assert project.queries.sources() == []
    project.close()


def test_a_hostile_codebook_changes_nothing(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.qvs")
    qdc = tmp_path / "boek.qdc"
    qdc.write_bytes(XXE.replace(b"Project", b"CodeBook"))
    with pytest.raises(RefiError, match=r"boek\.qdc: refused: the XML declares a DOCTYPE"):
        import_qdc(project, qdc, coder="tester")
    assert project.queries.codes() == []
    assert project.queries.history() == []
    project.close()


def test_external_paths_in_the_xml_are_never_opened(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheime tekst", encoding="utf-8")
    qde = VALID_QDE.replace(
        b"internal://5d1b1b4e-1e0a-4c57-9d6e-3c3f8f7a1a01.txt", f"absolute://{secret}".encode()
    )
    archive = make_zip(tmp_path / "extern.qdpx", {"project.qde": qde})
    result = import_qdpx(archive, str(tmp_path / "doel.qvs"), coder="tester")
    assert result.sources == 0
    assert any("file outside the archive not read" in w for w in result.warnings)


def test_parse_xml_names_the_file() -> None:
    with pytest.raises(RefiError, match=r"^x\.qde: not well-formed XML"):
        parse_xml(b"<a><b></a>", "x.qde")
