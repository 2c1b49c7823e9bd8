"""Reading phone clips: frames with their container timestamps, rotation applied.

OpenCV's bundled FFmpeg decodes H.264, HEVC and VP9 and applies the rotation stored by phones,
so portrait clips come out upright. Each frame's time is its presentation timestamp from the
container, never an assumed frame rate, so variable-frame-rate clips keep true timing.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from runknee.form.errors import VideoInputError
from runknee.form.models import ClipInfo

Frame = NDArray[np.uint8]

__all__ = [
    "Frame",
    "VideoInputError",
    "VideoProbe",
    "clip_info",
    "frames",
    "probe",
    "threaded_frames",
]


@dataclass(frozen=True)
class VideoProbe:
    """What the container says before decoding."""

    width_px: int
    height_px: int
    frames_declared: int
    fps_declared: float
    rotation_deg: int
    codec: str


def probe(path: str | os.PathLike[str]) -> VideoProbe:
    """Open the clip and read its header (raises :class:`VideoInputError`)."""
    file = Path(path)
    if not file.is_file():
        raise VideoInputError(f"{file}: no such file")
    if file.stat().st_size == 0:
        raise VideoInputError(f"{file}: the file is empty")
    capture = _open(file)
    try:
        ok, frame = capture.read()
        if not ok or frame is None:
            raise VideoInputError(f"{file}: no video frame could be decoded")
        fourcc = int(capture.get(cv2.CAP_PROP_FOURCC))
        codec = "".join(chr((fourcc >> (8 * i)) & 0xFF) for i in range(4)).strip("\x00 ")
        return VideoProbe(
            width_px=int(frame.shape[1]),
            height_px=int(frame.shape[0]),
            frames_declared=int(capture.get(cv2.CAP_PROP_FRAME_COUNT)),
            fps_declared=float(capture.get(cv2.CAP_PROP_FPS)),
            rotation_deg=int(capture.get(cv2.CAP_PROP_ORIENTATION_META)) % 360,
            codec=codec,
        )
    finally:
        capture.release()


def _open(file: Path) -> cv2.VideoCapture:
    capture = cv2.VideoCapture(str(file), cv2.CAP_FFMPEG)
    if not capture.isOpened():
        capture.release()
        raise VideoInputError(
            f"{file}: not a video runknee can read (use an MP4 or MOV clip from a phone)"
        )
    capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
    return capture


def frames(path: str | os.PathLike[str]) -> Iterator[tuple[float, Frame]]:
    """Decode every frame as (time in seconds from the first frame, BGR image).

    A truncated file ends early rather than failing; frames whose timestamp does not move
    forward are skipped.
    """
    capture = _open(Path(path))
    try:
        first: float | None = None
        last = -1.0
        while True:
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            stamp_s = float(capture.get(cv2.CAP_PROP_POS_MSEC)) / 1000.0
            first = stamp_s if first is None else first
            time_s = stamp_s - first
            if time_s <= last:
                continue
            last = time_s
            yield time_s, np.asarray(frame, dtype=np.uint8)
    finally:
        capture.release()


def threaded_frames(path: str | os.PathLike[str], buffer: int = 8) -> Iterator[tuple[float, Frame]]:
    """:func:`frames`, decoded in a background thread so decoding overlaps pose estimation
    (OpenCV releases the interpreter lock while it decodes)."""
    items: queue.Queue[tuple[float, Frame] | BaseException | None] = queue.Queue(buffer)
    stop = threading.Event()

    def work() -> None:
        try:
            for item in frames(path):
                if stop.is_set():
                    return
                items.put(item)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            items.put(exc)
            return
        items.put(None)

    worker = threading.Thread(target=work, name="runknee-decode", daemon=True)
    worker.start()
    try:
        while True:
            item = items.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            try:
                items.get_nowait()
            except queue.Empty:
                worker.join(0.05)


def clip_info(header: VideoProbe, times_s: list[float]) -> ClipInfo:
    """Summarise the decoded clip: median frame rate and whether it varies."""
    intervals = np.diff(np.asarray(times_s, dtype=np.float64))
    intervals = intervals[intervals > 0]
    fps = float(1.0 / np.median(intervals)) if intervals.size else header.fps_declared
    variable = bool(intervals.size and np.ptp(intervals) > 0.25 * float(np.median(intervals)))
    return ClipInfo(
        width_px=header.width_px,
        height_px=header.height_px,
        frames=len(times_s),
        duration_s=float(times_s[-1]) if times_s else 0.0,
        fps=round(fps, 3),
        variable_frame_rate=variable,
        rotation_deg=header.rotation_deg,
        codec=header.codec,
    )
