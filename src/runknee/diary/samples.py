"""Turn a file's samples (time, distance, position, altitude, heart rate, cadence) into the
summary figures the diary keeps: distance, moving time, climb, averages and per-km splits."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import fmean

from runknee.diary.models import KmSplit

EARTH_RADIUS_M = 6_371_008.8
MOVING_SPEED_M_S = 0.5  # slower than this between two samples counts as standing still
MAX_GAP_S = 30.0  # a longer gap between samples is a pause, not movement
CLIMB_HYSTERESIS_M = 2.0  # altitude must change this much to count (GPS/barometer noise)


@dataclass(slots=True)
class Sample:
    """One record of a file; any field may be missing."""

    time_s: float | None = None  # seconds since the Unix epoch (UTC)
    distance_m: float | None = None  # cumulative, from the device
    lat_deg: float | None = None
    lon_deg: float | None = None
    altitude_m: float | None = None
    hr_bpm: float | None = None
    cadence_spm: float | None = None


@dataclass(frozen=True, slots=True)
class SampleSummary:
    """Figures derived from samples; ``None`` where the samples do not say."""

    distance_m: float | None
    moving_s: float | None
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    max_cadence_spm: float | None
    splits: tuple[KmSplit, ...]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def cumulative_distances(samples: list[Sample]) -> list[float | None]:
    """The device's distance where every sample has one, else distance along the positions."""
    device = [s.distance_m for s in samples]
    if (
        device
        and all(d is not None for d in device[-1:])
        and sum(d is not None for d in device) > len(device) // 2
    ):
        return _fill_forward(device)
    total, last = 0.0, None
    result: list[float | None] = []
    for s in samples:
        if s.lat_deg is None or s.lon_deg is None:
            result.append(total if last is not None else None)
            continue
        if last is not None:
            total += haversine_m(last[0], last[1], s.lat_deg, s.lon_deg)
        last = (s.lat_deg, s.lon_deg)
        result.append(total)
    return result


def _fill_forward(values: list[float | None]) -> list[float | None]:
    current: float | None = None
    filled: list[float | None] = []
    for value in values:
        if value is not None and (current is None or value >= current):
            current = value
        filled.append(current)
    return filled


def summarise(samples: list[Sample]) -> SampleSummary:
    """Summary figures for one activity's samples (in time order)."""
    distances = cumulative_distances(samples)
    known = [d for d in distances if d is not None]
    gain, loss = _climb([s.altitude_m for s in samples])
    hrs = [s.hr_bpm for s in samples if s.hr_bpm]
    cads = [s.cadence_spm for s in samples if s.cadence_spm]
    return SampleSummary(
        distance_m=(known[-1] - known[0]) if len(known) > 1 else None,
        moving_s=_moving_s(samples, distances),
        elevation_gain_m=gain,
        elevation_loss_m=loss,
        avg_hr_bpm=round(fmean(hrs), 1) if hrs else None,
        max_hr_bpm=max(hrs) if hrs else None,
        avg_cadence_spm=round(fmean(cads), 1) if cads else None,
        max_cadence_spm=max(cads) if cads else None,
        splits=_splits(samples, distances),
    )


def _moving_s(samples: list[Sample], distances: list[float | None]) -> float | None:
    moving, seen = 0.0, False
    for i in range(1, len(samples)):
        t0, t1 = samples[i - 1].time_s, samples[i].time_s
        d0, d1 = distances[i - 1], distances[i]
        if t0 is None or t1 is None or d0 is None or d1 is None:
            continue
        seen = True
        dt = t1 - t0
        if 0 < dt <= MAX_GAP_S and (d1 - d0) / dt >= MOVING_SPEED_M_S:
            moving += dt
    return moving if seen else None


def _median5(values: list[float]) -> list[float]:
    """Running median of five (a shorter window at the ends): drops one- or two-sample altitude
    spikes, at the start and end of a track too."""
    if len(values) < 5:
        return values
    medians = []
    for index in range(len(values)):
        window = sorted(values[max(0, index - 2) : index + 3])
        medians.append(window[len(window) // 2])
    return medians


def _climb_series(altitudes: list[float | None]) -> list[float | None]:
    """Cumulative climb at each sample (hysteresis over the spike-filtered altitudes)."""
    known = [(i, a) for i, a in enumerate(altitudes) if a is not None]
    result: list[float | None] = [None] * len(altitudes)
    if len(known) < 2:
        return result
    smooth = _median5([a for _, a in known])
    gain, anchor = 0.0, smooth[0]
    for (index, _), value in zip(known, smooth, strict=True):
        change = value - anchor
        if change >= CLIMB_HYSTERESIS_M:
            gain += change
            anchor = value
        elif change <= -CLIMB_HYSTERESIS_M:
            anchor = value
        result[index] = gain
    return result


def _climb(altitudes: list[float | None]) -> tuple[float | None, float | None]:
    """Total climb and descent (spike-filtered, with hysteresis)."""
    values = _median5([a for a in altitudes if a is not None])
    if len(values) < 2:
        return None, None
    gain = loss = 0.0
    anchor = values[0]
    for value in values[1:]:
        change = value - anchor
        if change >= CLIMB_HYSTERESIS_M:
            gain += change
            anchor = value
        elif change <= -CLIMB_HYSTERESIS_M:
            loss -= change
            anchor = value
    return round(gain, 1), round(loss, 1)


def _splits(samples: list[Sample], distances: list[float | None]) -> tuple[KmSplit, ...]:
    """Per-km splits; needs both times and distances."""
    climbs = _climb_series([s.altitude_m for s in samples])
    points = [
        (s.time_s, d, s.hr_bpm, c)
        for s, d, c in zip(samples, distances, climbs, strict=True)
        if s.time_s is not None and d is not None
    ]
    if len(points) < 2:
        return ()
    splits: list[KmSplit] = []
    start_t, start_d, start_c = points[0][0], points[0][1], points[0][3]
    hrs: list[float] = []
    for t, d, hr, climb in points:
        if hr:
            hrs.append(hr)
        if d - start_d >= 1000.0 or (t, d) == points[-1][:2]:
            if d - start_d <= 0:
                break
            gain = round(climb - start_c, 1) if climb is not None and start_c is not None else None
            splits.append(_split(len(splits) + 1, d - start_d, t - start_t, hrs, gain))
            start_t, start_d, start_c, hrs = t, d, climb, []
    return tuple(splits)


def _split(
    km: int, distance_m: float, duration_s: float, hrs: list[float], gain_m: float | None
) -> KmSplit:
    return KmSplit(
        km=km,
        distance_m=round(distance_m, 1),
        duration_s=round(duration_s, 1),
        avg_hr_bpm=round(fmean(hrs), 1) if hrs else None,
        elevation_gain_m=gain_m,
    )
