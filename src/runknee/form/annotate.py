"""The annotated video: the clip with the runner's skeleton, foot contacts and knee angles,
encoded as H.264 with PyAV (OpenCV's wheels cannot write H.264; PyAV's bundle libx264)."""

from __future__ import annotations

import os
import time
from fractions import Fraction

import av
import cv2
import numpy as np

from runknee.form.geometry import knee_flexion_deg
from runknee.form.landmarks import LEG, SKELETON
from runknee.form.pipeline import FormRun
from runknee.form.video import frames

CONTACT_FLASH_S = 0.12
"""How long a contact marker stays on screen."""
COLOURS = {"left": (255, 160, 0), "right": (0, 140, 255)}  # BGR: blue-ish left, orange right


def _contacts(run: FormRun) -> dict[str, list[float]]:
    for metric_id in ("foot_ahead_of_hip_at_contact_leg", "pelvic_drop_deg"):
        metric = run.report.metric(metric_id)
        if metric is not None:
            return {
                "left": metric.left.times_s if metric.left else [],
                "right": metric.right.times_s if metric.right else [],
            }
    return {"left": [], "right": []}


def write_annotated(
    source: str | os.PathLike[str], target: str | os.PathLike[str], run: FormRun
) -> float:
    """Write the annotated copy of ``source`` to ``target``; return the seconds it took."""
    started = time.perf_counter()
    contacts = _contacts(run)
    stamps = np.asarray(run.times_s)
    scale = max(1, round(run.report.clip.height_px / 540))
    with av.open(os.fspath(target), "w") as container:
        stream = container.add_stream(
            "libx264", rate=Fraction(round(run.report.clip.fps * 1000), 1000)
        )
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "23", "preset": "veryfast"}
        base = Fraction(1, 1000)
        for time_s, frame in frames(source):
            height, width = frame.shape[0] // 2 * 2, frame.shape[1] // 2 * 2
            image = np.ascontiguousarray(frame[:height, :width])
            if not stream.codec_context.is_open:
                stream.width, stream.height = width, height
                stream.codec_context.time_base = base
            index = int(np.argmin(np.abs(stamps - time_s)))
            _draw(image, run.runner[index], time_s, contacts, scale)
            video = av.VideoFrame.from_ndarray(image, format="bgr24")
            video.pts = round(time_s * 1000)
            video.time_base = base
            for packet in stream.encode(video):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return time.perf_counter() - started


def _draw(
    image: np.ndarray,
    points: np.ndarray,
    time_s: float,
    contacts: dict[str, list[float]],
    scale: int,
) -> None:
    if not np.isfinite(points[:, :2]).all():
        return
    xy = points[:, :2].round().astype(int)
    for a, b in SKELETON:
        cv2.line(image, tuple(xy[a]), tuple(xy[b]), (255, 255, 255), 2 * scale, cv2.LINE_AA)
    for row, (side, leg) in enumerate(LEG.items()):
        colour = COLOURS[side]
        for a, b in ((leg["hip"], leg["knee"]), (leg["knee"], leg["ankle"])):
            cv2.line(image, tuple(xy[a]), tuple(xy[b]), colour, 3 * scale, cv2.LINE_AA)
        flexion = float(
            knee_flexion_deg(
                points[leg["hip"], :2], points[leg["knee"], :2], points[leg["ankle"], :2]
            )
        )
        knee = xy[leg["knee"]]
        cv2.putText(
            image,
            f"{flexion:.0f}",
            (int(knee[0]) + 8 * scale, int(knee[1])),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.6 * scale,
            colour,
            2 * scale,
            cv2.LINE_AA,
        )
        if any(0 <= time_s - c <= CONTACT_FLASH_S for c in contacts[side]):
            heel = xy[leg["heel"]]
            cv2.circle(
                image, (int(heel[0]), int(heel[1])), 12 * scale, colour, 3 * scale, cv2.LINE_AA
            )
            cv2.putText(
                image,
                f"{side} contact",
                (10 * scale, (30 + 30 * row) * scale),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.8 * scale,
                colour,
                2 * scale,
                cv2.LINE_AA,
            )
