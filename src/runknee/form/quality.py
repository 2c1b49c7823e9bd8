"""The quality gate's messages: what is wrong with a clip and how to film it better."""

from __future__ import annotations

from runknee.form.models import QualityIssue

FILMING_ADVICE = (
    "Phone on a tripod or a steady surface at hip height, 3-5 m away, landscape; the whole "
    "body in view from head to toes for the whole clip; one runner only; 10-30 seconds of "
    "steady running; 60 frames per second or more if the phone allows (slow motion is fine); "
    "film one clip from the side and one from behind."
)

# code: (blocking, message template, advice)
_ISSUES: dict[str, tuple[bool, str, str]] = {
    "no_runner": (
        True,
        "No runner was found for at least a second of the clip.",
        "Film in good light with the whole body in view, 3-5 m from the camera.",
    ),
    "several_people": (
        False,
        "{people} people were seen; runknee measured the one who took the most steps.",
        "Film with only the runner in view so nobody else can be mistaken for them.",
    ),
    "low_fps": (
        True,
        "The clip has {fps:.0f} frames per second; at least 24 are needed to time foot contacts.",
        "Use the phone's 60 fps (or slow-motion) video mode.",
    ),
    "body_cut_off": (
        True,
        "The runner's whole body (head to feet) is not in view for most of the clip.",
        "Step the camera back (3-5 m) so head and feet stay in the frame throughout.",
    ),
    "view_unknown": (
        True,
        "The clip is neither a side view nor a view from behind (a front view, or a diagonal).",
        "Film square on from the side, and separately from straight behind.",
    ),
    "view_mismatch": (
        False,
        "You chose the {requested} view, but the clip looks like a {detected} view; the {requested} view was used.",
        "Check the view setting, or film square on from the side or from straight behind.",
    ),
    "too_few_steps": (
        True,
        "Too few steps were found (left {left}, right {right}) to measure anything.",
        "Film at least 10 seconds of steady running, with 7 or more steps of each foot in view.",
    ),
    "few_steps": (
        False,
        "Only {left} left and {right} right steps were measured; 7 per foot give stable values, so these are indicative.",
        "Film a longer clip (10-30 seconds), or run past the camera more than once.",
    ),
    "walking": (
        False,
        "This clip shows walking (a foot is always on the ground), not running: the running cues are not judged.",
        "Film yourself running at your usual easy pace.",
    ),
    "fps_for_running": (
        False,
        "At {fps:.0f} frames per second a running foot contact lasts only a few frames, so landing angles may be off by several degrees.",
        "Use 60 fps or more (slow-motion modes of 120-240 fps are better).",
    ),
}


def issue(code: str, **values: object) -> QualityIssue:
    """The quality issue ``code`` with its message filled in."""
    blocking, message, advice = _ISSUES[code]
    return QualityIssue(
        code=code, blocking=blocking, message=message.format(**values), advice=advice
    )
