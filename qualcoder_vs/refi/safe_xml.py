"""Parsing untrusted REFI-QDA XML: no DTD, no entities, no network, no huge trees.

REFI-QDA documents never need a DOCTYPE, so any document that declares one is refused outright:
that closes external entities (XXE) and entity-expansion bombs (billion laughs) at the door,
whatever the parser would have done with them.
"""

from __future__ import annotations

import re

from lxml import etree

from qualcoder_vs.refi.errors import RefiError

_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _prolog(data: bytes) -> bytes:
    """What comes before the root element, the only place a DOCTYPE can be; UTF-16 documents
    are narrowed to UTF-8 first."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        little = data[:2] == b"\xff\xfe" or (len(data) > 1 and data[1:2] == b"\x00")
        data = data.decode("utf-16-le" if little else "utf-16-be", "ignore").encode("utf-8")
    root = _ROOT_START.search(data)
    return data if root is None else data[: root.start()]


def _declares_dtd(data: bytes) -> bool:
    return _DECLARATIONS.search(_prolog(data)) is not None


def parse_xml(data: bytes, origin: str) -> etree._Element:
    """The root element of ``data``; ``origin`` names the file in every error message."""
    if _declares_dtd(data):
        raise RefiError(
            f"{origin}: refused: the XML declares a DOCTYPE or entities "
            "(REFI-QDA needs neither; they can be used to read files or exhaust memory)"
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).splitlines()[0]
        raise RefiError(f"{origin}: not well-formed XML ({message})") from None
    except ValueError as exc:
        raise RefiError(f"{origin}: not XML ({exc})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise RefiError(f"{origin}: refused: the XML declares a DOCTYPE")
    if root is None:
        raise RefiError(f"{origin}: empty XML document")
    return root
