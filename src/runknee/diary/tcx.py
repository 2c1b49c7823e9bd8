"""Read TCX files with ``lxml`` (iterparse, one pass): one activity per ``<Activity>``.

Track points without a position are kept, so a treadmill run keeps its distance and time.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from lxml import etree

from runknee.diary.models import Activity, ActivityFileError
from runknee.diary.samples import Sample, summarise
from runknee.diary.sports import normalise_sport
from runknee.i18n import N_, Message

_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def parse_tcx(data: bytes, file_name: str, sha256: str) -> list[Activity]:
    """Activities of one TCX file.

    Raises:
        ActivityFileError: not TCX, or no activity with a time in it.
    """
    activities: list[Activity] = []
    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data.lstrip()), tag=f"{_NS}Activity", resolve_entities=False, no_network=True
        ):
            activity = _activity(element, file_name, sha256)
            if activity is not None:
                activities.append(activity)
            element.clear()
    except etree.LxmlError as exc:
        unreadable = N_("not a readable TCX file (%(error)s)")
        raise ActivityFileError(file_name, Message.of(unreadable, error=str(exc))) from None
    if not activities:
        nothing = N_("no activity with times in this TCX file")
        raise ActivityFileError(file_name, Message.of(nothing))
    return activities


def _activity(element: etree._Element, file_name: str, sha256: str) -> Activity | None:
    samples = [_sample(point) for point in element.iter(f"{_NS}Trackpoint")]
    samples = [s for s in samples if s.time_s is not None]
    laps = list(element.iter(f"{_NS}Lap"))
    start_s = samples[0].time_s if samples else _lap_start(laps)
    if start_s is None:
        return None
    derived = summarise(samples)
    lap_time_s = sum(_child_float(lap, "TotalTimeSeconds") or 0.0 for lap in laps)
    lap_distance_m = sum(_child_float(lap, "DistanceMeters") or 0.0 for lap in laps)
    elapsed_s = (samples[-1].time_s or start_s) - start_s if samples else lap_time_s
    sport = normalise_sport(element.get("Sport"))
    return Activity(
        sport=sport,
        start_utc=datetime.fromtimestamp(start_s, UTC),
        duration_s=max(elapsed_s, lap_time_s if not samples else 0.0),
        moving_s=lap_time_s or derived.moving_s,
        distance_m=lap_distance_m or derived.distance_m,
        elevation_gain_m=derived.elevation_gain_m,
        elevation_loss_m=derived.elevation_loss_m,
        avg_hr_bpm=derived.avg_hr_bpm,
        max_hr_bpm=derived.max_hr_bpm,
        avg_cadence_spm=_steps(derived.avg_cadence_spm, sport),
        max_cadence_spm=_steps(derived.max_cadence_spm, sport),
        device=_device(element),
        source_format="tcx",
        source_name=file_name,
        source_sha256=sha256,
        splits=derived.splits,
    )


def _steps(cadence: float | None, sport: str) -> float | None:
    """TCX cadence counts one foot (strides) for runs: double it to steps per minute."""
    return cadence * 2 if cadence is not None and sport == "running" else cadence


def _sample(point: etree._Element) -> Sample:
    cadence = _child_float(point, "Cadence")
    for node in point.iter():
        if str(node.tag).endswith("RunCadence"):
            cadence = _float(node.text)
    hr_node = point.find(f"{_NS}HeartRateBpm/{_NS}Value")
    return Sample(
        time_s=_time_s(point.findtext(f"{_NS}Time")),
        distance_m=_child_float(point, "DistanceMeters"),
        lat_deg=_float(point.findtext(f"{_NS}Position/{_NS}LatitudeDegrees")),
        lon_deg=_float(point.findtext(f"{_NS}Position/{_NS}LongitudeDegrees")),
        altitude_m=_child_float(point, "AltitudeMeters"),
        hr_bpm=_float(hr_node.text) if hr_node is not None else None,
        cadence_spm=cadence,
    )


def _lap_start(laps: list[etree._Element]) -> float | None:
    return _time_s(laps[0].get("StartTime")) if laps else None


def _device(element: etree._Element) -> str | None:
    name = element.findtext(f"{_NS}Creator/{_NS}Name")
    return name.strip() if name else None


def _child_float(element: etree._Element, tag: str) -> float | None:
    return _float(element.findtext(f"{_NS}{tag}"))


def _time_s(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _float(text: str | None) -> float | None:
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and value == value and abs(value) < 1e12 else None
