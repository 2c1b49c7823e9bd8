"""Linking per-frame detections into people, and choosing the runner among them.

The runner is the person with the highest score of steps taken (legs passing each other, or
feet alternating up and down) plus distance travelled across the image in body heights; ties
go to whoever stays in frame longest. A treadmill runner scores by steps over the whole clip, a
runner passing the camera by steps and distance; a passer-by crossing a treadmill runner's clip
takes only a few steps, and someone standing or jumping in place travels nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from runknee.form.landmarks import (
    COUNT,
    LEFT_ANKLE,
    LEFT_HIP,
    LEFT_SHOULDER,
    RIGHT_ANKLE,
    RIGHT_HIP,
    RIGHT_SHOULDER,
)

Landmarks = NDArray[np.float64]

MAX_JUMP_HEIGHTS = 0.6
"""A detection joins a track when its pelvis is within this many body heights of the track's
last pelvis position."""
SIDE_ON_WIDTH_RATIO = 0.35
"""Shoulder width over torso height below which a person is seen side on."""
MAX_GAP_S = 0.5
"""A track that has not been seen for this long is closed."""
LEAD_WINDOW_S = 3.0
"""How much recent history :meth:`TrackLinker.leader` scores."""
LEAD_MARGIN = 2.0
"""How far (steps plus body heights) the leader must be ahead of everyone else."""


@dataclass
class Track:
    """One person over time: frame indices and their landmarks."""

    id: int
    frames: list[int] = field(default_factory=list)
    points: list[Landmarks] = field(default_factory=list)

    def centre(self) -> NDArray[np.float64]:
        """The pelvis position in the last frame seen."""
        last = self.points[-1]
        return np.asarray((last[LEFT_HIP, :2] + last[RIGHT_HIP, :2]) / 2.0, dtype=np.float64)

    def height_px(self) -> float:
        """Body height in the last frame seen (landmark extent), pixels."""
        ys = self.points[-1][:, 1]
        return float(max(np.nanmax(ys) - np.nanmin(ys), 1.0))

    def array(self, frame_count: int) -> Landmarks:
        """Landmarks for every frame of the clip, NaN where this person was not found."""
        out = np.full((frame_count, COUNT, 3), np.nan)
        out[self.frames] = np.stack(self.points)
        return out


class TrackLinker:
    """Links detections into tracks frame by frame as they arrive: each person joins the open
    track whose last pelvis is nearest (within :data:`MAX_JUMP_HEIGHTS` body heights)."""

    def __init__(self) -> None:
        self.tracks: list[Track] = []
        self.times_s: list[float] = []
        self._open: list[Track] = []

    def add(self, time_s: float, people: list[Landmarks]) -> None:
        """Add the people found in the next frame."""
        frame = len(self.times_s)
        self.times_s.append(time_s)
        self._open = [t for t in self._open if time_s - self.times_s[t.frames[-1]] <= MAX_GAP_S]
        free = list(self._open)
        for person in people:
            pelvis = (person[LEFT_HIP, :2] + person[RIGHT_HIP, :2]) / 2.0
            best: Track | None = None
            best_distance = float("inf")
            for track in free:
                distance = float(np.hypot(*(track.centre() - pelvis)))
                if distance < MAX_JUMP_HEIGHTS * track.height_px() and distance < best_distance:
                    best, best_distance = track, distance
            if best is None:
                best = Track(id=len(self.tracks))
                self.tracks.append(best)
                self._open.append(best)
            else:
                free.remove(best)
            best.frames.append(frame)
            best.points.append(person)

    def leader(self, window_s: float = LEAD_WINDOW_S, margin: float = LEAD_MARGIN) -> Track | None:
        """The track that is clearly the runner over the last ``window_s`` seconds (scored as
        in :func:`choose_runner`, at least ``margin`` ahead of everyone else and seen in the
        latest frame), or None while that is not clear."""
        if not self.times_s:
            return None
        now = self.times_s[-1]
        scores: list[tuple[float, Track]] = []
        for track in self._open:
            recent = [i for i, f in enumerate(track.frames) if now - self.times_s[f] <= window_s]
            if len(recent) < 2:
                continue
            window = Track(track.id, track.frames[recent[0] :], track.points[recent[0] :])
            scores.append((step_count(window) + travel_heights(window), track))
        if not scores:
            return None
        scores.sort(key=lambda item: item[0], reverse=True)
        best_score, best = scores[0]
        runner_up = scores[1][0] if len(scores) > 1 else 0.0
        seen_now = best.frames[-1] == len(self.times_s) - 1
        return best if seen_now and best_score >= runner_up + margin else None


def link_tracks(detections: list[list[Landmarks]], times_s: list[float]) -> list[Track]:
    """Greedy nearest-pelvis linking of detections frame by frame (:class:`TrackLinker`)."""
    linker = TrackLinker()
    for time_s, people in zip(times_s, detections, strict=True):
        linker.add(time_s, people)
    return linker.tracks


def _crossings(signal: NDArray[np.float64], hysteresis: float) -> int:
    """Sign changes of ``signal`` that swing past +/- ``hysteresis``."""
    state = 0
    count = 0
    for value in signal:
        if not np.isfinite(value):
            continue
        new = 1 if value > hysteresis else -1 if value < -hysteresis else state
        if state and new != state:
            count += 1
        state = new
    return count


def step_count(track: Track) -> int:
    """A rough step count: leg crossings for someone seen side on, feet alternating up and
    down for someone seen from behind or in front (told apart by shoulder width)."""
    points = np.stack(track.points)
    leg = np.nanmedian(np.hypot(*(points[:, LEFT_HIP, :2] - points[:, LEFT_ANKLE, :2]).T))
    if not np.isfinite(leg) or leg <= 0:
        return 0
    widths = np.abs(points[:, LEFT_SHOULDER, 0] - points[:, RIGHT_SHOULDER, 0])
    torso = np.array([torso_height_px(p) for p in points])
    if float(np.nanmedian(widths / np.maximum(torso, 1.0))) < SIDE_ON_WIDTH_RATIO:
        return _crossings(points[:, LEFT_ANKLE, 0] - points[:, RIGHT_ANKLE, 0], 0.2 * leg)
    return _crossings(points[:, LEFT_ANKLE, 1] - points[:, RIGHT_ANKLE, 1], 0.1 * leg)


def travel_heights(track: Track) -> float:
    """How far the person moved across the image, in body heights."""
    start = (track.points[0][LEFT_HIP, 0] + track.points[0][RIGHT_HIP, 0]) / 2.0
    end = (track.points[-1][LEFT_HIP, 0] + track.points[-1][RIGHT_HIP, 0]) / 2.0
    heights = [float(np.nanmax(p[:, 1]) - np.nanmin(p[:, 1])) for p in track.points]
    return float(abs(end - start) / max(float(np.median(heights)), 1.0))


def torso_height_px(points: Landmarks) -> float:
    """Shoulder-midpoint to hip-midpoint distance of one detection, pixels."""
    shoulders = (points[LEFT_SHOULDER, :2] + points[RIGHT_SHOULDER, :2]) / 2.0
    hips = (points[LEFT_HIP, :2] + points[RIGHT_HIP, :2]) / 2.0
    return float(np.hypot(*(shoulders - hips)))


def choose_runner(tracks: list[Track], times_s: list[float]) -> tuple[Track | None, int]:
    """The track of the runner, and how many people were seen for at least half a second."""

    def duration(track: Track) -> float:
        return times_s[track.frames[-1]] - times_s[track.frames[0]]

    people = [t for t in tracks if duration(t) >= 0.5]
    if not people:
        return None, 0
    best = max(people, key=lambda t: (step_count(t) + travel_heights(t), duration(t)))
    return best, len(people)
