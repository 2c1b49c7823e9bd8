"""Read FIT files with ``fitdecode``: every session becomes an activity (chained files too).

Reading goes on past what the format allows (CRC errors are ignored) and stops at the first
fatal error with what was read so far: a corrupt file keeps its readable records and its
session summary; a file without a session message gets a summary derived from its records.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import fitdecode  # type: ignore[import-untyped]

from runknee.diary.fit_content import FitContent
from runknee.diary.fit_fast import WANTED, read_fast
from runknee.diary.models import Activity, ActivityFileError, english
from runknee.diary.samples import Sample, summarise
from runknee.i18n import N_, NN_, Message

FIT_EPOCH_UNIX_S = 631_065_600  # 1989-12-31T00:00:00Z
RELATIVE_LIMIT = 0x10000000  # smaller timestamps count seconds since the device powered on
SEMICIRCLE_DEG = 180.0 / 2**31
STRIDE_SPORTS = frozenset({"running", "walking", "hiking", "training"})


def _read(data: bytes, fast: bool) -> FitContent:
    """The fast reader for well-formed files; fitdecode, reading past errors, for the rest."""
    content = read_fast(data) if fast else None
    return content if content is not None else read_with_fitdecode(data)


def read_with_fitdecode(data: bytes) -> FitContent:
    """Every readable message, by fitdecode: past CRC errors, up to the first fatal one."""
    content = FitContent()
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        processor=None,
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.WARN,
        keep_raw_chunks=False,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name in WANTED:
                    values = {f.name: f.value for f in frame.fields if f.value is not None}
                    content.take(frame.name, values)
        except Exception as exc:  # fitdecode raises many kinds; keep what was read
            stopped = N_("stopped reading at a damaged part (%(error)s); kept what came before")
            content.notes.append(Message.of(stopped, error=str(exc)))
        finally:
            reader.close()
    if caught:
        skipped = NN_(
            "%(count)s damaged or unusual part skipped while reading",
            "%(count)s damaged or unusual parts skipped while reading",
        )
        content.notes.append(Message.of(skipped, count_key="count", count=len(caught)))
    return content


def parse_fit(data: bytes, file_name: str, sha256: str, fast: bool = True) -> list[Activity]:
    """Activities of one FIT file (one per session); ``fast=False`` reads with fitdecode only.

    Raises:
        ActivityFileError: not a FIT file, or nothing usable in it.
    """
    if len(data) < 12 or data[8:12] != b".FIT":
        raise ActivityFileError(file_name, Message.of(N_("not a FIT file (no .FIT signature)")))
    content = _read(data, fast)
    if content.file_id.get("type") not in (None, "activity"):
        kind = str(content.file_id["type"])
        not_activity = N_("a FIT %(kind)s file, not an activity")
        raise ActivityFileError(file_name, Message.of(not_activity, kind=kind))
    shift_s, notes = _time_shift(content)
    base = _Base(file_name, sha256, _device(content.file_id), shift_s, tuple(content.notes + notes))
    sessions = content.sessions or _derived_session(content)
    activities = [a for s in sessions if (a := _activity(base, s, content)) is not None]
    if not activities:
        nothing = N_("no activity could be read from this FIT file")
        raise ActivityFileError(file_name, Message.of(nothing))
    return activities


@dataclass(frozen=True)
class _Base:
    file_name: str
    sha256: str
    device: str | None
    shift_s: int  # added to device times to get Unix seconds
    notes: tuple[Message, ...]
    offset_s: int | None = None


def _time_shift(content: FitContent) -> tuple[int, list[Message]]:
    """Seconds to add to FIT times; rebuilds relative times from the local timestamp."""
    starts = [s.get("start_time") for s in content.sessions] + [
        r.get("timestamp") for r in content.records[:1]
    ]
    first = next((t for t in starts if isinstance(t, int)), None)
    if first is None or first >= RELATIVE_LIMIT:
        return FIT_EPOCH_UNIX_S, []
    local = content.activity.get("local_timestamp")
    end = content.activity.get("timestamp")
    if isinstance(local, int) and isinstance(end, int) and local >= RELATIVE_LIMIT:
        note = N_("the device stored times since power-on; the start is rebuilt from local time")
        return FIT_EPOCH_UNIX_S + local - end, [Message.of(note)]
    no_clock = N_("the device stored times since power-on and no clock time")
    return FIT_EPOCH_UNIX_S, [Message.of(no_clock)]


def _offset_s(content: FitContent) -> int | None:
    local = content.activity.get("local_timestamp")
    stamp = content.activity.get("timestamp")
    if not isinstance(local, int) or not isinstance(stamp, int) or stamp < RELATIVE_LIMIT:
        return None
    offset = local - stamp
    return offset if abs(offset) <= 14 * 3600 else None


def _device(file_id: dict[str, Any]) -> str | None:
    maker = file_id.get("manufacturer")
    product = file_id.get("garmin_product") or file_id.get("product_name") or file_id.get("product")
    parts = [str(p) for p in (maker, product) if p is not None]
    return " ".join(parts) or None


def _derived_session(content: FitContent) -> list[dict[str, Any]]:
    times = [r["timestamp"] for r in content.records if isinstance(r.get("timestamp"), int)]
    if not times:
        return []
    return [
        {
            "start_time": times[0],
            "total_elapsed_time": float(times[-1] - times[0]),
            "sport": content.sport.get("sport", "other"),
            "_derived": True,
        }
    ]


def _activity(base: _Base, session: dict[str, Any], content: FitContent) -> Activity | None:
    start = session.get("start_time")
    if not isinstance(start, int):
        return None
    elapsed_s = float(session.get("total_elapsed_time") or 0.0)
    sport = str(session.get("sport") or "other")
    strides = sport in STRIDE_SPORTS
    samples = [
        _sample(r, base.shift_s, strides)
        for r in content.records
        if isinstance(r.get("timestamp"), int)
        and start <= r["timestamp"] <= start + math.ceil(elapsed_s)
    ]
    derived = summarise(samples)
    notes = list(base.notes)
    if session.get("_derived"):
        derived_note = N_("no session summary in the file; figures derived from its records")
        notes.append(Message.of(derived_note))
    cadence_scale = 2.0 if strides else 1.0
    return Activity(
        sport=sport,
        start_utc=datetime.fromtimestamp(start + base.shift_s, UTC),
        utc_offset_s=_offset_s(content),
        duration_s=elapsed_s,
        moving_s=_num(session.get("total_timer_time")) or derived.moving_s,
        distance_m=_num(session.get("total_distance")) or derived.distance_m,
        elevation_gain_m=_num(session.get("total_ascent")) or derived.elevation_gain_m,
        elevation_loss_m=_num(session.get("total_descent")) or derived.elevation_loss_m,
        avg_hr_bpm=_num(session.get("avg_heart_rate")) or derived.avg_hr_bpm,
        max_hr_bpm=_num(session.get("max_heart_rate")) or derived.max_hr_bpm,
        avg_cadence_spm=_scaled(_cadence(session, "avg"), cadence_scale) or derived.avg_cadence_spm,
        max_cadence_spm=_scaled(_cadence(session, "max"), cadence_scale) or derived.max_cadence_spm,
        device=base.device,
        source_format="fit",
        source_name=base.file_name,
        source_sha256=base.sha256,
        import_notes=english(notes),
        import_notes_i18n=tuple(notes),
        splits=derived.splits,
    )


def _sample(record: dict[str, Any], shift_s: int, strides: bool) -> Sample:
    lat, lon = record.get("position_lat"), record.get("position_long")
    cadence = _num(record.get("cadence"))
    if cadence is not None:
        cadence += _num(record.get("fractional_cadence")) or 0.0
        cadence = cadence * 2 if strides else cadence
    return Sample(
        time_s=float(record["timestamp"] + shift_s),
        distance_m=_num(record.get("distance")),
        lat_deg=lat * SEMICIRCLE_DEG if isinstance(lat, int) else None,
        lon_deg=lon * SEMICIRCLE_DEG if isinstance(lon, int) else None,
        altitude_m=_num(record.get("enhanced_altitude", record.get("altitude"))),
        hr_bpm=_num(record.get("heart_rate")),
        cadence_spm=cadence,
    )


def _cadence(session: dict[str, Any], kind: str) -> float | None:
    return _num(session.get(f"{kind}_running_cadence")) or _num(session.get(f"{kind}_cadence"))


def _scaled(value: float | None, factor: float) -> float | None:
    return value * factor if value is not None else None


def _num(value: Any) -> float | None:
    """A finite number, or ``None`` (FIT fields can hold tuples, strings or invalid values)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if number == number and abs(number) < 1e12 else None
