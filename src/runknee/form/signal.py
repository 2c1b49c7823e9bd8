"""Signal processing of keypoint tracks: uniform resampling, outlier rejection, gap filling,
zero-phase low-pass filtering and left/right swap correction.

Tracks are arrays of shape ``(frames, landmarks, 2)`` in pixels with NaN where a point is
missing. Frame times come from the container, so variable frame rates and dropped frames are
handled by resampling onto a uniform grid first.
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import NDArray
from scipy.signal import butter, sosfiltfilt

from runknee.form.landmarks import LEFT_RIGHT_PAIRS

Array = NDArray[np.float64]


def uniform_rate_hz(times_s: Array) -> float:
    """The frame rate of the grid to resample onto: 1 / the median frame interval."""
    steps = np.diff(np.asarray(times_s, dtype=np.float64))
    steps = steps[steps > 0]
    if steps.size == 0:
        raise ValueError("need at least two distinct frame times")
    return float(1.0 / np.median(steps))


def resample_uniform(times_s: Array, values: Array, rate_hz: float) -> tuple[Array, Array]:
    """Linear resampling of ``values`` (frames first) onto a uniform grid at ``rate_hz``.

    Grid points farther than 1.5 median intervals from every real frame stay NaN (a dropped
    stretch is a gap, not invented data); :func:`fill_gaps` decides what to bridge.
    """
    times = np.asarray(times_s, dtype=np.float64)
    grid = np.arange(times[0], times[-1] + 0.5 / rate_hz, 1.0 / rate_hz)
    flat = values.reshape(values.shape[0], -1)
    out = np.full((grid.size, flat.shape[1]), np.nan)
    nearest = np.abs(times[np.clip(np.searchsorted(times, grid), 0, times.size - 1)] - grid)
    previous = np.abs(times[np.clip(np.searchsorted(times, grid) - 1, 0, times.size - 1)] - grid)
    close = np.minimum(nearest, previous) <= 1.5 / rate_hz
    for column in range(flat.shape[1]):
        valid = ~np.isnan(flat[:, column])
        if valid.sum() >= 2:
            out[:, column] = np.interp(grid, times[valid], flat[valid, column])
            # Points outside this column's own data span or far from any frame stay missing.
            span = (grid >= times[valid][0]) & (grid <= times[valid][-1])
            out[~(span & close), column] = np.nan
    return grid, out.reshape((grid.size, *values.shape[1:]))


def hampel(values: Array, window: int = 7, threshold: float = 3.0) -> Array:
    """Replace outliers with NaN: points more than ``threshold`` scaled median absolute
    deviations from the median of a centred ``window`` (along the first axis)."""
    half = window // 2
    out = np.array(values, dtype=np.float64, copy=True)
    padded = np.pad(values, [(half, half)] + [(0, 0)] * (values.ndim - 1), constant_values=np.nan)
    stacked = np.stack([padded[i : i + values.shape[0]] for i in range(window)])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # windows that are all gaps stay NaN
        median = np.nanmedian(stacked, axis=0)
        mad = 1.4826 * np.nanmedian(np.abs(stacked - median), axis=0)
    with np.errstate(invalid="ignore"):
        outlier = np.abs(values - median) > threshold * np.maximum(mad, 1e-6)
    out[outlier] = np.nan
    return out


def fill_gaps(values: Array, max_gap: int) -> Array:
    """Linearly interpolate runs of NaN up to ``max_gap`` samples long, inside the data."""
    out = np.array(values, dtype=np.float64, copy=True)
    flat = out.reshape(out.shape[0], -1)
    index = np.arange(flat.shape[0])
    for column in range(flat.shape[1]):
        series = flat[:, column]
        missing = np.isnan(series)
        if missing.all() or not missing.any():
            continue
        filled = np.interp(index, index[~missing], series[~missing])
        run_start = None
        for i in range(series.size + 1):
            if i < series.size and missing[i]:
                run_start = i if run_start is None else run_start
                continue
            if run_start is not None:
                inside = run_start > 0 and i < series.size
                if inside and i - run_start <= max_gap:
                    series[run_start:i] = filled[run_start:i]
                run_start = None
    return out


def lowpass(values: Array, rate_hz: float, cutoff_hz: float) -> Array:
    """Zero-phase 4th-order Butterworth low-pass (a 2nd-order design run forwards and
    backwards), applied separately to each run of finite samples long enough to filter."""
    cutoff = min(cutoff_hz, 0.45 * rate_hz)
    sos = butter(2, cutoff / (rate_hz / 2.0), output="sos")
    out = np.array(values, dtype=np.float64, copy=True)
    flat = out.reshape(out.shape[0], -1)
    min_length = 13  # sosfiltfilt's default padding for this design needs > 12 samples
    for column in range(flat.shape[1]):
        series = flat[:, column]
        finite = np.isfinite(series)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], finite.astype(int), [0]])))
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            if stop - start >= min_length:
                series[start:stop] = sosfiltfilt(sos, series[start:stop])
    return out


def unswap_left_right(track: Array) -> tuple[Array, int]:
    """Undo frames where the pose model swapped the left and right legs (side views).

    Each frame is compared with where the legs should be, extrapolated from the two frames
    before at constant velocity: if exchanging left and right leg points brings them clearly
    closer to that, the frame's labels are exchanged.

    Returns:
        The corrected track and how many frames were swapped back.
    """
    out = np.array(track, dtype=np.float64, copy=True)
    legs = [pair for pair in LEFT_RIGHT_PAIRS if pair[0] >= 23]
    left = [pair[0] for pair in legs]
    right = [pair[1] for pair in legs]
    swapped = 0
    kept: list[Array] = []
    for frame in range(out.shape[0]):
        current = out[frame]
        if np.isnan(current[left + right]).any():
            kept = []
            continue
        if kept:
            # Where the legs should be now: the last frame moved on at its last velocity.
            expected = kept[-1] if len(kept) < 2 else 2 * kept[-1] - kept[-2]
            keep = _distance(current[left], expected[left]) + _distance(
                current[right], expected[right]
            )
            swap = _distance(current[right], expected[left]) + _distance(
                current[left], expected[right]
            )
            if swap < 0.6 * keep:
                current[left + right] = current[right + left]
                swapped += 1
        kept = [*kept[-1:], current.copy()]
    return out, swapped


def _distance(a: Array, b: Array) -> float:
    return float(np.sum(np.hypot(a[:, 0] - b[:, 0], a[:, 1] - b[:, 1])))
