"""Reading an untrusted QDPX (a zip) without trusting it: members are read into memory by name,
never extracted, so no entry name can make us write anywhere; sizes are checked before and while
reading, so a zip bomb stops at a limit instead of at the end of the disk or of memory.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType

from qualcoder_vs.refi.errors import RefiError

CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Generous for real projects (a hundred interviews are a few MB of text), far below what
    hurts. ``max_declared_bytes`` is high because audio and video may sit inside a QDPX: we never
    read those, but their declared size still counts against a bomb made of many members."""

    max_entries: int = 10_000
    max_directory_bytes: int = 64 * 1024**2
    max_declared_bytes: int = 8 * 1024**3
    max_member_bytes: int = 256 * 1024**2
    max_read_bytes: int = 1024**3
    max_ratio: int = 200
    ratio_floor_bytes: int = 1024 * 1024


DEFAULT_LIMITS = ArchiveLimits()


_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_END_SIZE = 22
_MAX_COMMENT = 0xFFFF


def directory_size(path: Path) -> tuple[int, int] | None:
    """(entries, bytes) of the zip's central directory as its end record states them, read
    before ``zipfile`` builds an object per entry; None when there is no end record."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        tail_size = min(size, _END_SIZE + _MAX_COMMENT)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < _END_SIZE:
            return None
        entries = int.from_bytes(tail[at + 10 : at + 12], "little")
        directory = int.from_bytes(tail[at + 12 : at + 16], "little")
        locator = tail.rfind(_END64_LOCATOR, 0, at)
        if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0:
            handle.seek(int.from_bytes(tail[locator + 8 : locator + 16], "little"))
            record = handle.read(56)
            if record[:4] == _END64:
                entries = int.from_bytes(record[32:40], "little")
                directory = int.from_bytes(record[40:48], "little")
    return entries, directory


def _unsafe_name_reason(name: str) -> str | None:
    if "\x00" in name:
        return "a NUL character in its name"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "an absolute path"
    parts = re.split(r"[\\/]", name)
    if ".." in parts:
        return "a path that climbs out of the archive ('..')"
    return None


class SafeArchive:
    """The members of a zip archive, checked once on opening and read only into memory."""

    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self._read_so_far = 0
        self._check_directory_size()
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise RefiError(
                f"{path}: not a valid QDPX archive (corrupt or not a zip file)"
            ) from None
        except OSError as exc:
            raise RefiError(f"{path}: cannot read ({exc.strerror})") from None
        try:
            self._members = self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _fail(self, problem: str) -> RefiError:
        return RefiError(f"{self.path}: {problem}")

    def _check_directory_size(self) -> None:
        try:
            declared = directory_size(self.path)
        except FileNotFoundError:
            raise self._fail("no such file") from None
        except IsADirectoryError:
            raise self._fail("is a folder, not a QDPX file") from None
        except OSError as exc:
            raise self._fail(f"cannot read ({exc.strerror})") from None
        if declared is None:
            return
        entries, size = declared
        if entries > self.limits.max_entries:
            raise self._too_many(entries)
        if size > self.limits.max_directory_bytes:
            raise self._fail(f"refused: its table of contents is {size // 1024**2} MB")

    def _too_many(self, entries: int) -> RefiError:
        return self._fail(f"too many entries ({entries}; the limit is {self.limits.max_entries})")

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise self._too_many(len(infos))
        declared = 0
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            reason = _unsafe_name_reason(name)
            if reason is not None:
                raise self._fail(f"refused: entry '{name}' has {reason}")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise self._fail(f"refused: entry '{name}' is a symbolic link")
            if info.flag_bits & 0x1:
                raise self._fail(f"refused: entry '{name}' is encrypted")
            if info.is_dir():
                continue
            declared += info.file_size
            if declared > limits.max_declared_bytes:
                raise self._fail(
                    f"refused: unpacks to more than {limits.max_declared_bytes // 1024**2} MB"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
                raise self._fail(f"refused: entry '{name}' expands {ratio:.0f} times (a zip bomb?)")
            key = str(PurePosixPath(name.replace("\\", "/")))
            if key in members:
                raise self._fail(f"refused: entry '{name}' occurs twice")
            members[key] = info
        return members

    # -- access ------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return list(self._members)

    def find(self, name: str) -> str | None:
        """The member called ``name``, matched case-insensitively when there is no exact match
        (NVivo writes ``Sources/``, MAXQDA ``sources/`` and upper-case file names)."""
        if name in self._members:
            return name
        folded = name.casefold()
        matches = [n for n in self._members if n.casefold() == folded]
        return matches[0] if len(matches) == 1 else None

    def size(self, name: str) -> int:
        return self._members[name].file_size

    def read(self, name: str) -> bytes:
        """The member's bytes, stopping at the limits whatever its header claims."""
        info = self._members.get(name)
        if info is None:
            raise self._fail(f"no entry '{name}'")
        limits = self.limits
        if info.file_size > limits.max_member_bytes:
            raise self._fail(
                f"refused: entry '{name}' is {info.file_size // 1024**2} MB; "
                f"the limit is {limits.max_member_bytes // 1024**2} MB"
            )
        if self._read_so_far + info.file_size > limits.max_read_bytes:
            raise self._fail(
                f"refused: reading '{name}' would pass {limits.max_read_bytes // 1024**2} MB "
                "read from this archive"
            )
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(CHUNK):
                    total += len(chunk)
                    if total > info.file_size:
                        raise self._fail(f"refused: entry '{name}' unpacks to more than declared")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            detail = str(exc).split("\n")[0] or type(exc).__name__
            raise self._fail(f"entry '{name}' is corrupt ({detail})") from None
        except NotImplementedError:
            raise self._fail(f"entry '{name}' uses a compression method we cannot read") from None
        self._read_so_far += total
        return b"".join(chunks)

    # -- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
