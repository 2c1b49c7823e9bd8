"""The whole pipeline on the real clip (a walker, with other people in view), on copies made
here (rotated with metadata, truncated), and on files that are not videos."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("mediapipe", reason="the form check's pose model (make test installs it)")
av = pytest.importorskip("av")
cv2 = pytest.importorskip("cv2")

import itertools  # noqa: E402

from runknee.form.pipeline import FormRun, run_form_check  # noqa: E402
from runknee.form.pose import MediaPipePose  # noqa: E402
from runknee.form.video import VideoInputError, frames, probe  # noqa: E402
from tests.sample_clip import SAMPLE_CLIP  # noqa: E402

CLIP = SAMPLE_CLIP

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CLIP.exists(), reason="the sample clip is not available"),
]


MODELS: list[MediaPipePose] = []


def _counted() -> MediaPipePose:
    model = MediaPipePose()
    MODELS.append(model)
    return model


@pytest.fixture(scope="module")
def walker() -> FormRun:
    return run_form_check(CLIP, estimator=_counted)


def test_the_second_pose_model_rests_once_the_walker_is_clear(walker: FormRun) -> None:
    """Two pose models on most frames before; once the walker leads, the one following the
    cabinet man looks only every 5th frame."""
    frames_seen = walker.report.clip.frames
    runs = MODELS[-1].runs
    assert max(runs) <= frames_seen
    assert sum(runs) < 1.5 * frames_seen  # about 1.3; 1.8 when both looked at every frame


def test_the_walker_is_tracked_not_the_man_on_the_cabinet(walker: FormRun) -> None:
    report = walker.report
    assert report.ok and report.view == "side"
    assert report.direction == "left"  # the walker crosses right to left
    assert report.people_seen >= 2
    # The walker is in view from about frame 46 to 200 and stands below the cabinet top.
    assert 100 <= report.runner_frames <= 170
    import numpy as np

    found = np.isfinite(walker.runner[:, 23, 1])
    assert np.nanmedian(walker.runner[found, 23, 1]) > 500


def test_walking_cadence_and_alternating_contacts(walker: FormRun) -> None:
    report = walker.report
    assert report.gait == "walking"
    cadence = report.metric("cadence_spm")
    assert cadence is not None and cadence.value is not None
    assert 85 <= cadence.value <= 125
    assert report.steps_left >= 3 and report.steps_right >= 3
    ahead = report.metric("foot_ahead_of_hip_at_contact_leg")
    assert ahead is not None and ahead.left is not None and ahead.right is not None
    # Every contact (the values at contact leave out those where the leg was hidden).
    series = report.series[0]
    merged = sorted(
        [(t, "L") for t in series.contacts_left_s] + [(t, "R") for t in series.contacts_right_s]
    )
    assert len(merged) == report.steps_left + report.steps_right
    assert all(a[1] != b[1] for a, b in itertools.pairwise(merged))
    assert {q.code for q in report.quality} >= {"walking", "few_steps"}
    assert not any(cue.applies for cue in report.cues)


def _rewrite(source: Path, target: Path, rotate_frames: bool, seconds: float) -> None:
    """Re-encode the first ``seconds`` at half size; optionally turn the pixels a quarter
    turn clockwise and record a 90-degree display rotation so players turn them back."""
    with av.open(str(target), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.pix_fmt = "yuv420p"
        for time_s, frame in frames(source):
            if time_s > seconds:
                break
            small = cv2.resize(frame, (884, 496))
            if rotate_frames:
                small = cv2.rotate(small, cv2.ROTATE_90_CLOCKWISE)
            if not stream.codec_context.is_open:
                stream.height, stream.width = small.shape[:2]
            video = av.VideoFrame.from_ndarray(small, format="bgr24")
            video.pts = round(time_s * 30)
            video.time_base = Fraction(1, 30)
            for packet in stream.encode(video):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    if rotate_frames:
        _set_display_rotation(target)


def _set_display_rotation(path: Path) -> None:
    """Write a 90-degree display matrix into the MP4 track header (what phones record)."""
    data = bytearray(path.read_bytes())
    at = data.index(b"tkhd") + 4
    assert data[at] == 0  # version 0 header: the matrix starts 40 bytes in
    matrix = [0, 0x10000, 0, 0xFFFF0000, 0, 0, 0, 0, 0x40000000]
    data[at + 40 : at + 76] = b"".join(v.to_bytes(4, "big") for v in matrix)
    path.write_bytes(bytes(data))


def test_rotated_copy_is_turned_upright(tmp_path: Path) -> None:
    rotated = tmp_path / "portrait.mp4"
    _rewrite(CLIP, rotated, rotate_frames=True, seconds=1.0)
    header = probe(rotated)
    assert header.rotation_deg in (90, 270)
    assert (header.width_px, header.height_px) == (884, 496)  # decoded upright again
    first = next(frames(rotated))[1]
    assert first.shape[:2] == (496, 884)


def test_truncated_copy_still_gives_a_report(tmp_path: Path) -> None:
    copy = tmp_path / "cut.mp4"
    data = CLIP.read_bytes()
    copy.write_bytes(data[: len(data) * 2 // 5])
    run = run_form_check(copy)
    assert run.report.clip.frames < 230
    assert run.report.clip.frames > 20


def test_not_a_video_and_empty_file_give_clear_errors(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all\n" * 50)
    with pytest.raises(VideoInputError, match=r"not a video|no video frame"):
        run_form_check(text)
    empty = tmp_path / "empty.mp4"
    empty.touch()
    with pytest.raises(VideoInputError, match="empty"):
        run_form_check(empty)
    with pytest.raises(VideoInputError, match="no such file"):
        run_form_check(tmp_path / "missing.mp4")
    shutil.rmtree(tmp_path)


OFFLINE_SCRIPT = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted during the form check")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from runknee.form.pipeline import run_form_check
run = run_form_check(sys.argv[1])
print("frames", run.report.clip.frames, "runner", run.report.runner_frames)
"""


def test_the_check_runs_with_no_network(tmp_path: Path) -> None:
    """Pose model and video libraries load and run with sockets refused, and inside a network
    namespace without any interface when ``unshare -n`` is allowed here."""
    import subprocess
    import sys

    short = tmp_path / "short.mp4"
    _rewrite(CLIP, short, rotate_frames=False, seconds=2.5)
    command = [sys.executable, "-c", OFFLINE_SCRIPT, str(short)]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        command = [unshare, "-n", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "frames" in done.stdout


def test_the_walk_played_at_double_speed_is_not_called_a_run(tmp_path: Path) -> None:
    """Every second frame at the same frame rate: steps twice as quick (about 200 a minute),
    but a foot is still always on the ground, so the gate must not say running."""
    fast = tmp_path / "double-speed.mp4"
    with av.open(str(fast), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "20"}
        for index, (time_s, frame) in enumerate(frames(CLIP)):
            if index % 2:
                continue
            if not stream.codec_context.is_open:
                stream.height, stream.width = frame.shape[:2]
            video = av.VideoFrame.from_ndarray(frame, format="bgr24")
            video.pts = round(time_s / 2 * 1000)
            video.time_base = Fraction(1, 1000)
            for packet in stream.encode(video):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    report = run_form_check(fast).report
    assert report.clip.fps == pytest.approx(30.0, abs=1.0)
    assert report.ok and report.gait == "walking"
    cadence = report.metric("cadence_spm")
    assert cadence is not None and cadence.value is not None and cadence.value > 160
