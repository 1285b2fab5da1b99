"""Lenient access to REFI-QDA elements: by local name, whatever namespace (or none) a producer
used. Files in the wild carry ``urn:QDA-XML:project:1.0``, ``...codebook:0:4``, ``...1:0`` or no
namespace at all; the structure is what matters."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

from lxml import etree


def local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in element:
        if local(child) == name:
            yield child


def child(element: etree._Element, name: str) -> etree._Element | None:
    return next(children(element, name), None)


def child_text(element: etree._Element, name: str) -> str:
    found = child(element, name)
    return (found.text or "") if found is not None else ""


def parse_guid(value: str | None) -> uuid.UUID | None:
    """A GUID as REFI-QDA writes it (any case, with or without braces), or None."""
    if not value:
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def parse_time(value: str | None) -> datetime | None:
    """An xsd:dateTime; a time without zone is taken as UTC, which is what every sample means."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None
