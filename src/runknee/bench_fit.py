"""A small FIT writer for the diary bench: one-hour 1 Hz runs built from a real recording's
records (position, altitude, heart rate, cadence, distance steps), shifted in time.

Only what the bench needs: little-endian definition and data messages for file_id, record,
session and activity, with header and file CRCs (FIT's CRC-16, computed here)."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

import fitdecode  # type: ignore[import-untyped]

FIT_EPOCH_UNIX_S = 631_065_600
_CRC_TABLE = (
    0x0000,
    0xCC01,
    0xD801,
    0x1400,
    0xF001,
    0x3C00,
    0x2800,
    0xE401,
    0xA001,
    0x6C00,
    0x7800,
    0xB401,
    0x5000,
    0x9C01,
    0x8801,
    0x4400,
)
_CRC256 = []
for _byte in range(256):
    _crc = 0
    for _nibble in (_byte & 0xF, _byte >> 4):
        _crc = ((_crc >> 4) & 0x0FFF) ^ _CRC_TABLE[_crc & 0xF] ^ _CRC_TABLE[_nibble]
    _CRC256.append(_crc)


def fit_crc(data: bytes, crc: int = 0) -> int:
    """FIT's CRC-16 of ``data`` (table-driven, a byte at a time)."""
    table = _CRC256
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


@dataclass(frozen=True)
class Point:
    """One second of the template run."""

    lat: int
    lon: int
    altitude_raw: int
    hr: int
    cadence: int
    step_cm: int


def template_points(path: Path) -> list[Point]:
    """The records of a real FIT run, as per-second points with distance steps."""
    points: list[Point] = []
    last_cm = 0
    with fitdecode.FitReader(str(path), processor=None) as fit:
        for frame in fit:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name != "record":
                continue
            values = {f.name: f.value for f in frame.fields}
            cm = int((values.get("distance") or 0) * 100)
            altitude = values.get("altitude") or 0.0
            points.append(
                Point(
                    lat=values.get("position_lat") or 0,
                    lon=values.get("position_long") or 0,
                    altitude_raw=int((altitude + 500) * 5),
                    hr=values.get("heart_rate") or 0,
                    cadence=values.get("cadence") or 0,
                    step_cm=max(cm - last_cm, 0),
                )
            )
            last_cm = cm
    return points


def _definition(local: int, global_num: int, fields: list[tuple[int, int, int]]) -> bytes:
    head = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    return head + b"".join(struct.pack("<BBB", *field) for field in fields)


_RECORD = [
    (253, 4, 0x86),
    (0, 4, 0x85),
    (1, 4, 0x85),
    (5, 4, 0x86),
    (2, 2, 0x84),
    (3, 1, 0x02),
    (4, 1, 0x02),
]
_FILE_ID = [(0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84), (4, 4, 0x86)]
_SESSION = [
    (253, 4, 0x86),
    (2, 4, 0x86),
    (7, 4, 0x86),
    (8, 4, 0x86),
    (9, 4, 0x86),
    (5, 1, 0x00),
    (16, 1, 0x02),
    (17, 1, 0x02),
    (0, 1, 0x00),
    (1, 1, 0x00),
]
_ACTIVITY = [(253, 4, 0x86), (5, 4, 0x86), (1, 2, 0x84), (2, 1, 0x00), (3, 1, 0x00), (4, 1, 0x00)]


def write_run(
    points: list[Point], start_unix_s: int, seconds: int = 3600, utc_offset_s: int = 3600
) -> bytes:
    """A FIT activity of ``seconds`` 1 Hz records starting at ``start_unix_s``."""
    start = start_unix_s - FIT_EPOCH_UNIX_S
    body = io.BytesIO()
    body.write(_definition(0, 0, _FILE_ID) + struct.pack("<BBHHI", 0, 4, 1, 1967, start))
    body.write(_definition(1, 20, _RECORD))
    record = struct.Struct("<BIiiIHBB")
    distance_cm = 0
    hr_total = hr_max = 0
    for second in range(seconds):
        point = points[second % len(points)]
        distance_cm += point.step_cm if second else 0
        hr_total += point.hr
        hr_max = max(hr_max, point.hr)
        body.write(
            record.pack(
                1,
                start + second,
                point.lat,
                point.lon,
                distance_cm,
                point.altitude_raw,
                point.hr,
                point.cadence,
            )
        )
    end = start + seconds
    body.write(_definition(2, 18, _SESSION))
    body.write(
        struct.pack(
            "<BIIIIIBBBBB",
            2,
            end,
            start,
            seconds * 1000,
            seconds * 1000,
            distance_cm,
            1,
            hr_total // seconds,
            hr_max,
            8,
            1,
        )
    )
    body.write(_definition(3, 34, _ACTIVITY))
    body.write(struct.pack("<BIIHBBB", 3, end, end + utc_offset_s, 1, 0, 26, 1))
    data = body.getvalue()
    header = struct.pack("<BBHI4s", 14, 0x10, 2093, len(data), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    return header + data + struct.pack("<H", fit_crc(header + data))
