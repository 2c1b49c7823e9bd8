"""Pose estimation behind a small interface, with a MediaPipe BlazePose implementation.

:class:`PoseEstimator` is what the pipeline needs: for one frame, the people found, each as
33 BlazePose landmarks in pixels with a visibility score. Another model (for example
MediaPipe's Tasks API with a ``.task`` assembled from the same weights) can replace
:class:`MediaPipePose` by implementing it.

MediaPipe's legacy ``Pose`` solution follows one person. To see more than one,
:class:`MediaPipePose` chains several instances: each later instance gets the frame with the
people already found painted grey, so it finds someone else. An instance that found nobody
only searches every few frames, which keeps a one-person clip almost as fast as one instance.

Once the caller has told it who the runner is (:meth:`MediaPipePose.focus`), the instance
following the runner goes first, on the plain frame, every frame; the others only look again
every few frames (enough to keep following a passer-by and to notice a newcomer). The focus
ends by itself when the runner is lost or their pelvis jumps, so the next frame runs every
instance again.

MediaPipe releases the interpreter lock while it works, so the later instances run in a
worker thread at the same time as the first, on the frame masked where the first instance
found its person on the previous frame (``parallel=False`` waits for this frame's instead).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from runknee.form.errors import PoseModelUnavailable
from runknee.form.landmarks import COUNT, LEFT_HIP, RIGHT_HIP

Frame = NDArray[np.uint8]
Landmarks = NDArray[np.float64]
"""Shape (33, 3): x and y in pixels, visibility 0-1."""


class PoseEstimator(Protocol):
    """Finds people in video frames, fed in time order."""

    def detect(self, frame_bgr: Frame) -> list[Landmarks]:
        """The people in this frame, each as a (33, 3) array (x px, y px, visibility)."""
        ...

    def focus(self, person: Landmarks | None) -> None:
        """A hint from the caller: ``person`` (as last returned) is the one that matters, so
        the others may be looked at less often; None: look at everyone on every frame."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


def _load_mediapipe() -> Any:
    try:
        import mediapipe
    except ImportError as exc:
        raise PoseModelUnavailable(
            "the form check needs the pose model: install runknee with the 'form' extra and "
            "mediapipe 0.10.21 (`make run` does both; see docs/form.md)"
        ) from exc
    return mediapipe


MASK_MARGIN = 0.08
"""How far beyond a person's landmarks (in body heights) the grey mask reaches."""
LAGGED_MARGIN = 0.15
"""The same for a mask drawn from the previous frame's landmarks (the person has moved)."""


def mask_people(frame: Frame, people: list[Landmarks], margin: float = MASK_MARGIN) -> Frame:
    """A copy of ``frame`` with each person's landmark bounding box (plus a margin of its
    height) painted mid-grey."""
    out = frame.copy()
    height, width = frame.shape[:2]
    for person in people:
        xs, ys = person[:, 0], person[:, 1]
        pad = margin * float(np.nanmax(ys) - np.nanmin(ys))
        left = int(max(0, np.floor(np.nanmin(xs) - pad)))
        right = int(min(width, np.ceil(np.nanmax(xs) + pad)))
        top = int(max(0, np.floor(np.nanmin(ys) - pad)))
        bottom = int(min(height, np.ceil(np.nanmax(ys) + pad)))
        if right > left and bottom > top:
            out[top:bottom, left:right] = 127
    return out


MAX_LEAD_JUMP_HEIGHTS = 0.3
"""A focused person whose pelvis moves more than this many body heights between two frames is
taken as lost (the model may have jumped to someone else)."""


def _pelvis_distance_heights(a: Landmarks, b: Landmarks) -> float:
    """Pelvis-to-pelvis distance of two poses, in body heights of ``b``."""
    pelvis_a = (a[LEFT_HIP, :2] + a[RIGHT_HIP, :2]) / 2.0
    pelvis_b = (b[LEFT_HIP, :2] + b[RIGHT_HIP, :2]) / 2.0
    height = max(float(np.nanmax(b[:, 1]) - np.nanmin(b[:, 1])), 1.0)
    return float(np.hypot(*(pelvis_a - pelvis_b))) / height


class MediaPipePose:
    """BlazePose GHUM full (33 landmarks with heels and toes) from the mediapipe 0.10.21 wheel.

    The weights ship inside the wheel; model complexity 1 is the one variant that needs no
    download (0 and 2 fetch their files on first use).

    Args:
        max_people: how many people to look for per frame (chained, see the module text).
        search_every: how often (in frames) an instance that found nobody looks again.
        max_side_px: larger frames are scaled down to this long side first (the model sees
            a 256-pixel crop of the person anyway; smaller frames are cheaper to convert,
            mask and hand over). Landmarks are always given in the original frame's pixels.
        check_every: with a focus, how often (in frames) the other instances look.
        parallel: run the later instances on another thread, alongside the first.
    """

    def __init__(
        self,
        max_people: int = 2,
        search_every: int = 6,
        max_side_px: int = 1280,
        check_every: int = 5,
        parallel: bool = True,
    ) -> None:
        mediapipe = _load_mediapipe()
        solution = mediapipe.solutions.pose
        self._models = [
            solution.Pose(
                static_image_mode=False,
                model_complexity=1,
                smooth_landmarks=True,
                enable_segmentation=False,
                min_detection_confidence=0.5,
                min_tracking_confidence=0.5,
            )
            for _ in range(max_people)
        ]
        self._search_every = max(1, search_every)
        self._check_every = max(1, check_every)
        self._max_side_px = max_side_px
        self._idle = [0] * max_people
        self._last: list[Landmarks | None] = [None] * max_people
        self._lead: int | None = None
        self._frame = 0
        self.runs = [0] * max_people
        """How many frames each chained instance has looked at (for the tests and the bench)."""
        self._parallel = parallel
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runknee-pose")

    def focus(self, person: Landmarks | None) -> None:
        """Follow ``person`` on every frame and the others every ``check_every`` frames (see
        :class:`PoseEstimator`); the instance whose last pose is nearest them leads."""
        self._lead = None
        if person is None:
            return
        distances = [
            _pelvis_distance_heights(person, last) if last is not None else float("inf")
            for last in self._last
        ]
        nearest = int(np.argmin(distances))
        if distances[nearest] < MAX_LEAD_JUMP_HEIGHTS:
            self._lead = nearest

    def _order(self) -> list[int]:
        others = [i for i in range(len(self._models)) if i != self._lead]
        return others if self._lead is None else [self._lead, *others]

    def _skip(self, index: int) -> bool:
        """Whether a later instance in the chain sits this frame out."""
        if self._lead is not None:
            return bool(self._frame % self._check_every)
        return bool(self._idle[index] and self._frame % self._search_every)

    def detect(self, frame_bgr: Frame) -> list[Landmarks]:
        """People found in this frame (see :class:`PoseEstimator`)."""
        height, width = frame_bgr.shape[:2]
        factor = min(1.0, self._max_side_px / max(height, width))
        if factor < 1.0:
            small = cv2.resize(
                frame_bgr, None, fx=factor, fy=factor, interpolation=cv2.INTER_LINEAR
            )
        else:
            small = frame_bgr
        rgb = np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        first, *rest = self._order()
        previous = self._last[first]
        later: Future[list[Landmarks]] | None = None
        if self._parallel and rest and previous is not None:
            # The later instances mask where the first one found its person on the previous
            # frame (with a wider margin), so they run on the other core at the same time.
            size = (width, height, factor)
            later = self._pool.submit(self._chain, rest, rgb, [previous], size, LAGGED_MARGIN)
        points = self._first(first, rgb, width, height)
        found = [points] if points is not None else []
        if later is not None:
            found += later.result()
        elif not self._parallel and points is not None and rest:
            found += self._chain(rest, rgb, [points], (width, height, factor), MASK_MARGIN)
        self._frame += 1
        return found

    def _first(self, index: int, rgb: Frame, width: int, height: int) -> Landmarks | None:
        """Run the first instance of the chain (the focused one, if any) on the plain frame."""
        before = self._last[index]
        points = self._run(index, rgb, width, height)
        if index == self._lead and (
            points is None
            or before is None
            or _pelvis_distance_heights(points, before) > MAX_LEAD_JUMP_HEIGHTS
        ):
            self._lead = None  # lost or jumped: every instance looks on the next frame
        self._last[index] = points
        return points

    def _chain(
        self,
        indices: list[int],
        rgb: Frame,
        masks: list[Landmarks],
        size: tuple[int, int, float],
        margin: float,
    ) -> list[Landmarks]:
        """The later instances, each on the frame with the people found before it (``masks``,
        in the original frame's pixels) greyed out. ``size``: original width, height and the
        factor ``rgb`` was scaled by."""
        width, height, factor = size
        scale = np.array([factor, factor, 1.0])
        found: list[Landmarks] = []
        for index in indices:
            if self._skip(index):
                continue
            rgb = mask_people(rgb, [masks[-1] * scale], margin)
            points = self._run(index, rgb, width, height)
            self._last[index] = points
            if points is None:
                break
            found.append(points)
            masks.append(points)
        return found

    def _run(self, index: int, rgb: Frame, width: int, height: int) -> Landmarks | None:
        self.runs[index] += 1
        result = self._models[index].process(rgb)
        if result.pose_landmarks is None:
            self._idle[index] += 1
            return None
        self._idle[index] = 0
        points = np.array(
            [(lm.x * width, lm.y * height, lm.visibility) for lm in result.pose_landmarks.landmark],
            dtype=np.float64,
        )
        return points if points.shape == (COUNT, 3) else None

    def close(self) -> None:
        """Release every chained model."""
        self._pool.shutdown(wait=True)
        for model in self._models:
            model.close()
