"""Resampling, outlier rejection, gap filling, zero-phase filtering and leg unswapping."""

from __future__ import annotations

import numpy as np
import pytest

from runknee.form import signal
from runknee.form.landmarks import LEFT_ANKLE, LEFT_HEEL, RIGHT_ANKLE, RIGHT_HEEL


def test_variable_frame_times_resample_onto_a_uniform_grid() -> None:
    times = np.array([0.0, 0.016, 0.034, 0.050, 0.067, 0.083, 0.100])
    values = (times * 100.0).reshape(-1, 1)
    rate = signal.uniform_rate_hz(times)
    assert rate == pytest.approx(1 / 0.0165, rel=0.05)
    grid, out = signal.resample_uniform(times, values, rate)
    assert np.allclose(np.diff(grid), 1 / rate)
    assert np.allclose(out[:, 0], grid * 100.0)


def test_a_dropped_stretch_stays_a_gap_until_filled() -> None:
    times = np.concatenate([np.arange(0, 1, 0.01), np.arange(1.2, 2, 0.01)])
    _, out = signal.resample_uniform(times, np.sin(times).reshape(-1, 1), 100.0)
    assert np.isnan(out[:, 0]).sum() >= 15
    filled = signal.fill_gaps(out, max_gap=25)
    assert not np.isnan(filled).any()
    assert np.isnan(signal.fill_gaps(out, max_gap=5)).any()


def test_hampel_removes_a_spike_and_keeps_the_rest() -> None:
    values = np.sin(np.linspace(0, 3, 60)).reshape(-1, 1)
    values[30, 0] += 5.0
    cleaned = signal.hampel(values)
    assert np.isnan(cleaned[30, 0])
    assert np.isfinite(np.delete(cleaned[:, 0], 30)).all()


def test_lowpass_keeps_a_slow_wave_in_phase_and_removes_fast_noise() -> None:
    rate = 60.0
    t = np.arange(0, 4, 1 / rate)
    slow = np.sin(2 * np.pi * 1.5 * t)
    noisy = slow + 0.3 * np.sin(2 * np.pi * 25 * t)
    out = signal.lowpass(noisy.reshape(-1, 1), rate, 8.0)[:, 0]
    middle = slice(30, -30)
    assert np.max(np.abs(out[middle] - slow[middle])) < 0.05
    assert np.argmax(out[:60]) == np.argmax(slow[:60])  # zero phase: the peak does not move


def test_swapped_leg_labels_are_swapped_back() -> None:
    frames = 20
    track = np.zeros((frames, 33, 2))
    t = np.arange(frames)
    for left, right in ((LEFT_ANKLE, RIGHT_ANKLE), (LEFT_HEEL, RIGHT_HEEL)):
        track[:, left] = np.stack([100 + 2 * t, np.full(frames, 300.0)], axis=1)
        track[:, right] = np.stack([200 - 2 * t, np.full(frames, 300.0)], axis=1)
    broken = track.copy()
    for index in range(23, 33, 2):
        broken[8:12, [index, index + 1]] = broken[8:12, [index + 1, index]]
    fixed, count = signal.unswap_left_right(broken)
    assert count == 4
    assert np.allclose(fixed, track)
