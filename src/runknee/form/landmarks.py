"""BlazePose's 33 landmark indices and the skeleton drawn on annotated videos."""

from __future__ import annotations

NOSE = 0
LEFT_EYE, RIGHT_EYE = 2, 5
LEFT_EAR, RIGHT_EAR = 7, 8
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30
LEFT_TOE, RIGHT_TOE = 31, 32  # "foot index" in BlazePose's naming

COUNT = 33

LEFT_RIGHT_PAIRS: tuple[tuple[int, int], ...] = (
    (1, 4),
    (2, 5),
    (3, 6),
    (7, 8),
    (9, 10),
    (11, 12),
    (13, 14),
    (15, 16),
    (17, 18),
    (19, 20),
    (21, 22),
    (23, 24),
    (25, 26),
    (27, 28),
    (29, 30),
    (31, 32),
)

LEG = {
    "left": {
        "hip": LEFT_HIP,
        "knee": LEFT_KNEE,
        "ankle": LEFT_ANKLE,
        "heel": LEFT_HEEL,
        "toe": LEFT_TOE,
    },
    "right": {
        "hip": RIGHT_HIP,
        "knee": RIGHT_KNEE,
        "ankle": RIGHT_ANKLE,
        "heel": RIGHT_HEEL,
        "toe": RIGHT_TOE,
    },
}

WHOLE_BODY = (NOSE, LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE)
"""Points that must be in view for the runner to count as whole (heels and toes are checked
separately: they are often blurred)."""

SKELETON: tuple[tuple[int, int], ...] = (
    (11, 12),
    (11, 23),
    (12, 24),
    (23, 24),
    (11, 13),
    (13, 15),
    (12, 14),
    (14, 16),
    (23, 25),
    (25, 27),
    (27, 29),
    (29, 31),
    (27, 31),
    (24, 26),
    (26, 28),
    (28, 30),
    (30, 32),
    (28, 32),
    (7, 0),
    (8, 0),
)
