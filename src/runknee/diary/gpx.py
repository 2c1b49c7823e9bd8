"""Read GPX files with ``gpxpy``: one activity per file, from all its tracks.

A track whose points mostly lack times is kept as a route without pace (distance only), and
the activity says so. Naive times are taken as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import gpxpy
import gpxpy.gpx

from runknee.diary.models import Activity, ActivityFileError, english
from runknee.diary.samples import Sample, haversine_m, summarise
from runknee.diary.sports import normalise_sport
from runknee.i18n import N_, Message


def parse_gpx(data: bytes, file_name: str, sha256: str) -> list[Activity]:
    """The activity of one GPX file.

    Raises:
        ActivityFileError: not GPX, no track points, or no date anywhere.
    """
    try:
        document = gpxpy.parse(data.lstrip().decode("utf-8", errors="replace"))
    except Exception as exc:  # gpxpy raises its own and XML errors
        unreadable = N_("not a readable GPX file (%(error)s)")
        raise ActivityFileError(file_name, Message.of(unreadable, error=str(exc))) from None
    segments: list[list[Any]] = [s.points for t in document.tracks for s in t.segments if s.points]
    segments = segments or [r.points for r in document.routes if r.points]
    if not segments:
        raise ActivityFileError(file_name, Message.of(N_("the GPX file has no track points")))
    samples = _samples(segments)
    timed = [s.time_s for s in samples if s.time_s is not None]
    track = document.tracks[0] if document.tracks else None
    return [_activity(document, track, samples, timed, file_name, sha256)]


def _activity(
    document: gpxpy.gpx.GPX,
    track: gpxpy.gpx.GPXTrack | None,
    samples: list[Sample],
    timed: list[float],
    file_name: str,
    sha256: str,
) -> Activity:
    has_pace = len(timed) >= max(2, len(samples) // 2)
    start_s = min(timed) if timed else _utc_s(document.time)
    if start_s is None:
        no_times = N_("the GPX file has no times, so no date to file it under")
        raise ActivityFileError(file_name, Message.of(no_times))
    if not has_pace:
        samples = [Sample(distance_m=s.distance_m, altitude_m=s.altitude_m) for s in samples]
    derived = summarise(samples)
    route = N_("a route without times: distance only, no pace or duration")
    notes = () if has_pace else (Message.of(route),)
    return Activity(
        sport=normalise_sport(track.type if track else None),
        start_utc=datetime.fromtimestamp(start_s, UTC),
        duration_s=(max(timed) - min(timed)) if has_pace else 0.0,
        moving_s=_moving_s(document) if has_pace else None,
        distance_m=derived.distance_m,
        elevation_gain_m=derived.elevation_gain_m,
        elevation_loss_m=derived.elevation_loss_m,
        avg_hr_bpm=derived.avg_hr_bpm,
        max_hr_bpm=derived.max_hr_bpm,
        avg_cadence_spm=derived.avg_cadence_spm,
        max_cadence_spm=derived.max_cadence_spm,
        device=document.creator,
        source_format="gpx",
        source_name=file_name,
        source_sha256=sha256,
        name=(track.name or None) if track else None,
        has_pace=has_pace,
        import_notes=english(notes),
        import_notes_i18n=notes,
        splits=derived.splits,
    )


def _utc_s(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _moving_s(document: gpxpy.gpx.GPX) -> float | None:
    moving = document.get_moving_data()
    return float(moving.moving_time) if moving and moving.moving_time else None


def _samples(segments: list[list[Any]]) -> list[Sample]:
    """Samples with distance along each segment (the gaps between segments are not walked)."""
    samples: list[Sample] = []
    total_m = 0.0
    for points in segments:
        previous = None
        for point in points:
            if previous is not None:
                total_m += haversine_m(
                    previous.latitude, previous.longitude, point.latitude, point.longitude
                )
            samples.append(_sample(point, total_m))
            previous = point
    return samples


def _sample(point: Any, distance_m: float) -> Sample:
    hr, cadence = _extensions(point.extensions)
    return Sample(
        time_s=_utc_s(point.time),
        distance_m=distance_m,
        lat_deg=point.latitude,
        lon_deg=point.longitude,
        altitude_m=point.elevation,
        hr_bpm=hr,
        cadence_spm=cadence,
    )


def _extensions(extensions: list[Any]) -> tuple[float | None, float | None]:
    """Heart rate and cadence from Garmin-style track point extensions."""
    hr = cadence = None
    for element in extensions:
        for node in element.iter():
            tag = str(node.tag).rsplit("}", 1)[-1].lower()
            if tag == "hr":
                hr = _float(node.text)
            elif tag == "cad":
                cadence = _float(node.text)
    return hr, cadence


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
