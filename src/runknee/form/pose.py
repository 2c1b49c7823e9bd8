"""Pose estimation behind a small interface, with a MediaPipe BlazePose implementation.

:class:`PoseEstimator` is what the pipeline needs: for one frame, the people found, each as
33 BlazePose landmarks in pixels with a visibility score. Another model (for example
MediaPipe's Tasks API with a ``.task`` assembled from the same weights) can replace
:class:`MediaPipePose` by implementing it.

MediaPipe's legacy ``Pose`` solution follows one person. To see more than one,
:class:`MediaPipePose` chains several instances: each later instance gets the frame with the
people already found painted grey, so it finds someone else. An instance that found nobody
only searches every few frames, which keeps a one-person clip almost as fast as one instance.
"""

from __future__ import annotations

from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from runknee.form.errors import PoseModelUnavailable
from runknee.form.landmarks import COUNT

Frame = NDArray[np.uint8]
Landmarks = NDArray[np.float64]
"""Shape (33, 3): x and y in pixels, visibility 0-1."""


class PoseEstimator(Protocol):
    """Finds people in video frames, fed in time order."""

    def detect(self, frame_bgr: Frame) -> list[Landmarks]:
        """The people in this frame, each as a (33, 3) array (x px, y px, visibility)."""
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


def mask_people(frame: Frame, people: list[Landmarks], margin: float = 0.08) -> Frame:
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
    """

    def __init__(self, max_people: int = 2, search_every: int = 6, max_side_px: int = 1280) -> None:
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
        self._max_side_px = max_side_px
        self._idle = [0] * max_people
        self._frame = 0

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
        found: list[Landmarks] = []
        for index, model in enumerate(self._models):
            if index > 0:
                if not found:
                    break
                if self._idle[index] and self._frame % self._search_every:
                    continue
                rgb = mask_people(rgb, [found[-1] * np.array([factor, factor, 1.0])])
            result = model.process(rgb)
            if result.pose_landmarks is None:
                self._idle[index] += 1
                continue
            self._idle[index] = 0
            points = np.array(
                [
                    (lm.x * width, lm.y * height, lm.visibility)
                    for lm in result.pose_landmarks.landmark
                ],
                dtype=np.float64,
            )
            if points.shape == (COUNT, 3):
                found.append(points)
        self._frame += 1
        return found

    def close(self) -> None:
        """Release every chained model."""
        for model in self._models:
            model.close()
