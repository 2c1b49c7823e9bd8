"""The quality gate's messages: what is wrong with a clip and how to film it better."""

from __future__ import annotations

from runknee.form.models import QualityIssue
from runknee.i18n import N_, NN_, Message

FILMING_ADVICE = N_(
    "Phone on a tripod or a steady surface at hip height, 3-5 m away, landscape; the whole "
    "body in view from head to toes for the whole clip; one runner only; 10-30 seconds of "
    "steady running; 60 frames per second or more if the phone allows (slow motion is fine); "
    "film one clip from the side and one from behind."
)

# code: (blocking, message, advice), marked for the catalogue; a message's values are named
# placeholders (``%(fps).0f``) filled in by :func:`issue`, and the faces translate both when shown.
_ISSUES: dict[str, tuple[bool, str | tuple[str, str], str]] = {
    "no_runner": (
        True,
        N_("No runner was found for at least a second of the clip."),
        N_("Film in good light with the whole body in view, 3-5 m from the camera."),
    ),
    "several_people": (
        False,
        NN_(
            "%(people)s person was seen; runknee measured the one who took the most steps.",
            "%(people)s people were seen; runknee measured the one who took the most steps.",
        ),
        N_("Film with only the runner in view so nobody else can be mistaken for them."),
    ),
    "low_fps": (
        True,
        N_(
            "The clip has %(fps).0f frames per second; at least %(needed).0f are needed to time "
            "foot contacts."
        ),
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
        N_("You chose the side view, but the clip looks like a back view; the side view was used."),
        N_("Check the view setting, or film square on from the side or from straight behind."),
    ),
    "too_few_steps": (
        True,
        N_("Too few steps were found (left %(left)s, right %(right)s) to measure anything."),
        N_(
            "Film at least 10 seconds of steady running, with 7 or more steps of each foot in view."
        ),
    ),
    "few_steps": (
        False,
        N_(
            "Only %(left)s left and %(right)s right steps were measured; %(needed)s per foot give "
            "stable values, so these are indicative."
        ),
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
        N_(
            "At %(fps).0f frames per second a running foot contact lasts only a few frames, so "
            "landing angles may be off by several degrees."
        ),
        N_("Use 60 fps or more (slow-motion modes of 120-240 fps are better)."),
    ),
}


_MISMATCH_FROM_BACK = N_(
    "You chose the back view, but the clip looks like a side view; the back view was used."
)
"""``view_mismatch`` when the back view was chosen (the table's sentence is for the side view):
two whole sentences, since a view's word changes with the sentence around it."""


def issue(code: str, **values: str | int | float) -> QualityIssue:
    """The quality issue ``code`` with its message's values (``view_mismatch`` takes the
    ``requested`` view, ``"side"`` or ``"back"``)."""
    blocking, text, advice = _ISSUES[code]
    if code == "view_mismatch":
        text = _MISMATCH_FROM_BACK if values.pop("requested") == "back" else text
        values.pop("detected", None)
    count_key = "people" if code == "several_people" else None
    message = Message.of(text, count_key=count_key, **values)
    return QualityIssue(
        code=code, blocking=blocking, message=message.english, message_i18n=message, advice=advice
    )
