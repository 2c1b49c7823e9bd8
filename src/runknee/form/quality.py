"""The quality gate's messages: what is wrong with a clip and how to film it better."""

from __future__ import annotations

from runknee.form.models import QualityIssue
from runknee.i18n import N_

FILMING_ADVICE = N_(
    "Phone on a tripod or a steady surface at hip height, 3-5 m away, landscape; the whole "
    "body in view from head to toes for the whole clip; one runner only; 10-30 seconds of "
    "steady running; 60 frames per second or more if the phone allows (slow motion is fine); "
    "film one clip from the side and one from behind."
)

# code: (blocking, message template, advice). The advice and the messages without values are
# marked for the catalogue; the faces translate them when shown (a message with values filled in
# reads in English until the core hands over its values).
_ISSUES: dict[str, tuple[bool, str, str]] = {
    "no_runner": (
        True,
        N_("No runner was found for at least a second of the clip."),
        N_("Film in good light with the whole body in view, 3-5 m from the camera."),
    ),
    "several_people": (
        False,
        "{people} people were seen; runknee measured the one who took the most steps.",
        N_("Film with only the runner in view so nobody else can be mistaken for them."),
    ),
    "low_fps": (
        True,
        "The clip has {fps:.0f} frames per second; at least 24 are needed to time foot contacts.",
        N_("Use the phone's 60 fps (or slow-motion) video mode."),
    ),
    "body_cut_off": (
        True,
        N_("The runner's whole body (head to feet) is not in view for most of the clip."),
        N_("Step the camera back (3-5 m) so head and feet stay in the frame throughout."),
    ),
    "view_unknown": (
        True,
        N_("The clip is neither a side view nor a view from behind (a front view, or a diagonal)."),
        N_("Film square on from the side, and separately from straight behind."),
    ),
    "view_mismatch": (
        False,
        "You chose the {requested} view, but the clip looks like a {detected} view; the {requested} view was used.",
        N_("Check the view setting, or film square on from the side or from straight behind."),
    ),
    "too_few_steps": (
        True,
        "Too few steps were found (left {left}, right {right}) to measure anything.",
        N_(
            "Film at least 10 seconds of steady running, with 7 or more steps of each foot in view."
        ),
    ),
    "few_steps": (
        False,
        "Only {left} left and {right} right steps were measured; 7 per foot give stable values, so these are indicative.",
        N_("Film a longer clip (10-30 seconds), or run past the camera more than once."),
    ),
    "walking": (
        False,
        N_(
            "This clip shows walking (a foot is always on the ground), not running: the running cues are not judged."
        ),
        N_("Film yourself running at your usual easy pace."),
    ),
    "fps_for_running": (
        False,
        "At {fps:.0f} frames per second a running foot contact lasts only a few frames, so landing angles may be off by several degrees.",
        N_("Use 60 fps or more (slow-motion modes of 120-240 fps are better)."),
    ),
}


def issue(code: str, **values: object) -> QualityIssue:
    """The quality issue ``code`` with its message filled in."""
    blocking, message, advice = _ISSUES[code]
    return QualityIssue(
        code=code, blocking=blocking, message=message.format(**values), advice=advice
    )
