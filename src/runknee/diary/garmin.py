"""Garmin's data export: ``*_summarizedActivities.json`` (distance in centimetres, times in
milliseconds, epoch milliseconds for starts) read into summary activities. A FIT file of the
same activity later replaces the summary's figures and keeps its name (see dedupe)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from runknee.diary.models import Activity, ParsedFile, english
from runknee.diary.sports import normalise_sport
from runknee.i18n import N_, Message

SUMMARY_SUFFIX = "summarizedactivities.json"
SUMMARY_NOTE = Message.of(N_("from Garmin's activity summary: no per-km figures"))


def garmin_summaries(data: bytes, file_name: str) -> list[ParsedFile]:
    """One summary activity per entry of the export's activity list (bad entries left out)."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return []
    entries = _entries(document)
    parsed = []
    for entry in entries:
        activity = _activity(entry, file_name)
        if activity is not None and activity.source_sha256:
            parsed.append(
                ParsedFile(
                    file_name=f"{file_name} #{entry.get('activityId', '?')}",
                    sha256=activity.source_sha256,
                    activities=(activity,),
                )
            )
    return parsed


def _entries(document: Any) -> list[dict[str, Any]]:
    blocks = document if isinstance(document, list) else [document]
    found: list[dict[str, Any]] = []
    for block in blocks:
        items = block.get("summarizedActivitiesExport") if isinstance(block, dict) else None
        if isinstance(items, list):
            found.extend(item for item in items if isinstance(item, dict))
    return found


def _number(value: Any, scale: float = 1.0) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value) / scale if 0 <= value < 1e13 else None


def _activity(entry: dict[str, Any], file_name: str) -> Activity | None:
    begin_ms = _number(entry.get("beginTimestamp") or entry.get("startTimeGmt"))
    duration_s = _number(entry.get("elapsedDuration") or entry.get("duration"), 1000)
    if begin_ms is None or duration_s is None:
        return None
    local_ms = _number(entry.get("startTimeLocal"))
    gmt_ms = _number(entry.get("startTimeGmt")) or begin_ms
    offset_s = round((local_ms - gmt_ms) / 1000) if local_ms is not None else None
    try:
        return Activity(
            sport=normalise_sport(str(entry.get("activityType") or "")),
            start_utc=datetime.fromtimestamp(begin_ms / 1000, UTC),
            utc_offset_s=offset_s if offset_s is not None and abs(offset_s) <= 14 * 3600 else None,
            duration_s=duration_s,
            moving_s=_number(entry.get("movingDuration"), 1000),
            distance_m=_number(entry.get("distance"), 100),
            elevation_gain_m=_number(entry.get("elevationGain"), 100),
            elevation_loss_m=_number(entry.get("elevationLoss"), 100),
            avg_hr_bpm=_number(entry.get("avgHr")),
            max_hr_bpm=_number(entry.get("maxHr")),
            source_format="garmin_json",
            source_name=file_name,
            source_sha256=hashlib.sha256(
                json.dumps(entry, sort_keys=True, default=str).encode()
            ).hexdigest(),
            name=str(entry["name"])[:500] if entry.get("name") else None,
            import_notes=english([SUMMARY_NOTE]),
            import_notes_i18n=(SUMMARY_NOTE,),
        )
    except (ValueError, OverflowError, OSError):
        return None
