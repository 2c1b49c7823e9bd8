"""A fast reader for well-formed FIT files: fixed-layout messages decoded with ``struct``, field
names, scales and enumerations taken from fitdecode's profile. Anything unusual (compressed
timestamps, a truncated or oversized file, an undefined local message) returns ``None`` so the
caller falls back to fitdecode, which reads past errors. Both give the same values."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from fitdecode import profile  # type: ignore[import-untyped]

from runknee.diary.fit_content import FitContent

WANTED = frozenset({"file_id", "session", "record", "activity", "sport", "lap"})
_WANTED_NUMBERS = {num: t for num, t in profile.MESSAGE_TYPES.items() if t.name in WANTED}
_GARMIN_MAKERS = frozenset({1, 13, 15, 89})
# base type -> (struct code, size, invalid value)
_BASE = {
    0x00: ("B", 1, 0xFF), 0x01: ("b", 1, 0x7F), 0x02: ("B", 1, 0xFF), 0x83: ("h", 2, 0x7FFF),
    0x84: ("H", 2, 0xFFFF), 0x85: ("i", 4, 0x7FFFFFFF), 0x86: ("I", 4, 0xFFFFFFFF),
    0x88: ("f", 4, None), 0x89: ("d", 8, None), 0x0A: ("B", 1, 0), 0x8B: ("H", 2, 0),
    0x8C: ("I", 4, 0), 0x0D: ("B", 1, 0xFF), 0x8E: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    0x8F: ("Q", 8, 0xFFFFFFFFFFFFFFFF), 0x90: ("Q", 8, 0),
}  # fmt: skip


class _Unusual(Exception):
    """Leave this file to fitdecode."""


@dataclass(frozen=True)
class _Definition:
    name: str | None  # None: a message the diary does not use (skipped by size)
    layout: struct.Struct
    fields: tuple[tuple[Any, int | None, bool], ...]  # (profile field or None, invalid, is text)
    size: int


def read_fast(data: bytes) -> FitContent | None:
    """The diary's messages of a well-formed (possibly chained) FIT file, or ``None``."""
    try:
        content = FitContent()
        position = 0
        while position < len(data):
            position = _read_file(data, position, content)
        return content
    except (_Unusual, struct.error, IndexError, KeyError, ValueError, UnicodeError):
        return None


def _read_file(data: bytes, start: int, content: FitContent) -> int:
    header_size = data[start]
    if header_size not in (12, 14) or data[start + 8 : start + 12] != b".FIT":
        raise _Unusual
    (data_size,) = struct.unpack_from("<I", data, start + 4)
    end = start + header_size + data_size
    if end + 2 > len(data) or data_size == 0:
        raise _Unusual
    definitions: dict[int, _Definition] = {}
    position = start + header_size
    while position < end:
        header = data[position]
        position += 1
        if header & 0x80:
            raise _Unusual  # compressed timestamp header
        if header & 0x40:
            definitions[header & 0x0F], position = _definition(data, position, header & 0x20)
            continue
        definition = definitions[header & 0x0F]
        if definition.name is not None:
            values = definition.layout.unpack_from(data, position)
            content.take(definition.name, _values(definition, values))
        position += definition.size
    if position != end:
        raise _Unusual
    return int(end) + 2


def _definition(data: bytes, position: int, developer: int) -> tuple[_Definition, int]:
    endian = ">" if data[position + 1] else "<"
    (number,) = struct.unpack_from(endian + "H", data, position + 2)
    count = data[position + 4]
    position += 5
    message = _WANTED_NUMBERS.get(number)
    codes: list[str] = []
    fields: list[tuple[Any, int | None, bool]] = []
    for index in range(count):
        field_number, size, base = data[position + 3 * index : position + 3 * index + 3]
        code, base_size, invalid = _BASE.get(base & 0x9F, ("B", 1, None))
        known = message.fields.get(field_number) if message is not None else None
        if base & 0x1F == 0x07 and known is not None:
            codes.append(f"{size}s")
            fields.append((known, None, True))
        elif size == base_size and known is not None:
            codes.append(code)
            fields.append((known, invalid, False))
        else:
            codes.append(f"{size}x")
    position += 3 * count
    extra = 0
    if developer:
        developer_count = data[position]
        extra = sum(data[position + 2 + 3 * i] for i in range(developer_count))
        position += 1 + 3 * developer_count
    layout = struct.Struct(endian + "".join(codes))
    name = message.name if message is not None else None
    return _Definition(name, layout, tuple(fields), layout.size + extra), position


def _values(definition: _Definition, raw: tuple[Any, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for (known, invalid, is_text), value in zip(definition.fields, raw, strict=True):
        if is_text:
            text = value.split(b"\0", 1)[0].decode("utf-8", errors="replace")
            if text:
                values[known.name] = text
            continue
        if value == invalid:
            continue
        values[known.name] = _converted(known, value)
    product = values.get("product")
    if product is not None and values.get("manufacturer") in (
        "garmin",
        "dynastream",
        "dynastream_oem",
        "tacx",
    ):
        values["garmin_product"] = profile.FIELD_TYPES["garmin_product"].enum.get(product, product)
        del values["product"]
    return values


def _converted(known: Any, value: Any) -> Any:
    enum = known.type.enum if known.type is not None else None
    if enum:
        return enum.get(value, value)
    scale, offset = known.scale, known.offset
    if (scale and scale != 1) or offset:
        return value / (scale or 1) - (offset or 0)
    return value
