"""Where a REFI-QDA project's files come from: a QDPX archive, or a bare ``.qde`` without its
sources. Paths in the XML are only ever looked up among the archive's members; an ``absolute://``
or ``relative://`` path is never opened on this computer, since the file is untrusted."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from qualcoder_vs.refi.errors import RefiError, Warnings
from qualcoder_vs.refi.safe_archive import DEFAULT_LIMITS, ArchiveLimits, SafeArchive

ZIP_MAGIC = b"PK"
PROJECT_ENTRY = "project.qde"
SOURCES_FOLDER = "sources"
INTERNAL = "internal://"
EXTERNAL = ("relative://", "absolute://", "file://", "http://", "https://")


class RefiContainer:
    """A QDPX archive or a lone ``.qde``: the project XML and the internal files it names."""

    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.entry_name = path.name
        self._archive: SafeArchive | None = None
        self._xml: bytes
        try:
            with path.open("rb") as handle:
                head = handle.read(len(ZIP_MAGIC))
        except FileNotFoundError:
            raise RefiError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise RefiError(f"{path}: is a folder, not a REFI-QDA file") from None
        except OSError as exc:
            raise RefiError(f"{path}: cannot read ({exc.strerror})") from None
        if head == ZIP_MAGIC or path.suffix.lower() == ".qdpx":
            self._archive = SafeArchive(path, limits)
            try:
                self.entry_name = self._project_entry()
                self._xml = self._archive.read(self.entry_name)
            except BaseException:
                self._archive.close()
                raise
        else:
            size = path.stat().st_size
            if size > limits.max_member_bytes:
                raise RefiError(
                    f"{path}: refused: {size // 1024**2} MB is more than the "
                    f"{limits.max_member_bytes // 1024**2} MB a project file may have"
                )
            self._xml = path.read_bytes()

    def _project_entry(self) -> str:
        assert self._archive is not None
        names = self._archive.names
        exact = self._archive.find(PROJECT_ENTRY)
        if exact is not None:
            return exact
        qde = [n for n in names if n.lower().endswith(".qde")]
        if len(qde) == 1:
            return qde[0]
        if not qde:
            raise RefiError(f"{self.path}: no project.qde inside (not a REFI-QDA project archive)")
        raise RefiError(f"{self.path}: several .qde files and no project.qde: {', '.join(qde)}")

    @property
    def origin(self) -> str:
        """How files are named in messages: the archive and the entry inside it."""
        if self._archive is None:
            return str(self.path)
        return f"{self.path}:{self.entry_name}"

    @property
    def project_xml(self) -> bytes:
        return self._xml

    def read_file(self, reference: str, warnings: Warnings) -> bytes | None:
        """The bytes of a file the XML refers to, or None (with a warning) when it is not in
        the archive or is not ours to read."""
        reference = reference.strip()
        if reference.lower().startswith(EXTERNAL):
            warnings.add("file outside the archive not read", reference)
            return None
        name = reference[len(INTERNAL) :] if reference.lower().startswith(INTERNAL) else reference
        name = name.lstrip("/")
        if self._archive is None:
            warnings.add("source file missing (a .qde holds no sources)", name)
            return None
        member = self._archive.find(f"{SOURCES_FOLDER}/{name}") or self._archive.find(name)
        if member is None:
            base = PurePosixPath(name).name.casefold()
            matches = [n for n in self._archive.names if PurePosixPath(n).name.casefold() == base]
            member = matches[0] if len(matches) == 1 else None
        if member is None:
            warnings.add("source file missing from the archive", name)
            return None
        return self._archive.read(member)

    def read_entry(self, name: str) -> bytes | None:
        """An archive entry by its exact name (ours, such as the extras entry), or None."""
        if self._archive is None or name not in self._archive.names:
            return None
        return self._archive.read(name)

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
