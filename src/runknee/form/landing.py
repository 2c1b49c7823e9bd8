"""Initial contact and toe-off from the height of the foot, for running.

The forward and backward peaks of the foot relative to the pelvis (Zeni et al. 2008, source
``zeni2008``) were validated in walking. In running the foot is already moving back relative to
the pelvis when it lands, and goes on moving back after it leaves the ground, so the most
forward point comes before contact and the most backward one after toe-off; low-pass filtering
rounds both peaks and moves them further the same way (on synthetic running, 20-35 ms early at
contact and about as late at toe-off). Running studies time the events from the foot's vertical
trajectory instead (``leitch2011``: position, velocity or acceleration of heel and forefoot
markers against force plates). Here each peak is moved to where the heel or the toe reaches
(contact) or leaves (toe-off) its own ground level in that stance: the heel lands first in a
rear-foot strike, the toe in a fore-foot strike, and the toe leaves last.

Thresholds are runknee's own (``runknee_derived``), set on the synthetic running of
``tests/form/form_running.py``; they are not yet checked on a real running clip.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

GROUND_PERCENTILE = 75.0
"""A landmark's ground level in one stance: this percentile of its image height (y down) over
the stance, so that heel rise late in stance and a few noisy samples do not move it."""
GROUND_BAND_LEG = 0.01
"""A landmark counts as on the ground within this many leg lengths of its ground level
(``runknee_derived``). A wider band finds contacts earlier, the more so the slower the foot
comes down."""
CLEARANCE_LEG = 0.05
"""A landing or a lift-off is believed only when the landmark is this far above its ground level
within :data:`SEARCH_S` before landing or after lift-off (``runknee_derived``): a foot that only
wobbles near the ground, or a stretch bridged over a gap, keeps the peak's time."""
SEARCH_S = 0.15
"""How far from the peak a landing or lift-off is looked for (``runknee_derived``)."""
STANCE_GUESS_S = 0.25
"""The stance length assumed where no toe-off was found: a typical running stance, which lasts
about 0.2-0.3 s (``runknee_derived``, runknee's own estimate)."""


def _grounded(value: float, level: float) -> bool:
    return bool(value >= level)


def _crossing(y: Array, start: int, towards: int, level: float) -> float | None:
    """The fractional index, walking from ``start`` towards ``towards``, where ``y`` first
    crosses ``level`` from the side it starts on (linear between the two samples)."""
    step = 1 if towards >= start else -1
    first = _grounded(y[start], level)
    index = start + step
    while (towards - index) * step >= 0 and 0 <= index < y.size:
        if not np.isfinite(y[index]):
            return None
        if _grounded(y[index], level) != first:
            a, b = float(y[index - step]), float(y[index])
            return index - step + step * (level - a) / (b - a)
        index += step
    return None


def _clear(y: Array, lo: float, hi: float, height: float) -> bool:
    """Whether ``y`` rises above ``height`` (smaller image y) anywhere in [lo, hi]."""
    window = y[max(0, int(np.floor(lo))) : min(y.size, int(np.ceil(hi)) + 1)]
    return bool(np.any(window[np.isfinite(window)] <= height))


def landing(
    y: Array, peak: int, limit: int, search: int, band: float, clear: float
) -> float | None:
    """When one landmark reaches its ground level near the forward peak ``peak``.

    ``y`` is the landmark's image height (pixels, y down) on the uniform grid; the stance ends
    by ``limit``. From the peak, forward while the landmark is still in the air, else back to
    its last sample in the air. None when there is no clear landing.
    """
    window = y[peak : limit + 1]
    window = window[np.isfinite(window)]
    if window.size < 3 or not np.isfinite(y[peak]):
        return None
    ground = float(np.percentile(window, GROUND_PERCENTILE))
    towards = max(0, peak - search) if _grounded(y[peak], ground - band) else limit
    found = _crossing(y, peak, towards, ground - band)
    if found is None or not _clear(y, found - search, found, ground - clear):
        return None
    return found


def lift_off(
    y: Array, peak: int, start: int, search: int, band: float, clear: float
) -> float | None:
    """When one landmark leaves its ground level near the backward peak ``peak`` (the mirror
    of :func:`landing`; the stance starts at ``start``)."""
    window = y[start : peak + 1]
    window = window[np.isfinite(window)]
    if window.size < 3 or not np.isfinite(y[peak]):
        return None
    ground = float(np.percentile(window, GROUND_PERCENTILE))
    towards = min(y.size - 1, peak + search) if _grounded(y[peak], ground - band) else start
    found = _crossing(y, peak, towards, ground - band)
    if found is None or not _clear(y, found, found + search, ground - clear):
        return None
    return found


def refine_stance(
    heights: list[Array], contact: int, toe_off: int | None, end: int, rate_hz: float, leg_px: float
) -> tuple[float | None, float | None]:
    """Contact (the first of ``heights`` to land) and toe-off (the last to leave) of one
    stance, as fractional sample indices; None where no landmark gives a clear event.

    ``heights`` are the image y of the foot's landmarks (heel, toe); ``contact`` and
    ``toe_off`` are that stance's forward and backward peaks. Without a toe-off (the clip ends,
    or the foot was hidden) the stance is taken to last :data:`STANCE_GUESS_S`, up to ``end``.
    """
    search = max(2, round(SEARCH_S * rate_hz))
    band, clear = GROUND_BAND_LEG * leg_px, CLEARANCE_LEG * leg_px
    stop = toe_off if toe_off is not None else min(end, contact + round(STANCE_GUESS_S * rate_hz))
    middle = (contact + stop) // 2
    lands = [landing(y, contact, stop, search, band, clear) for y in heights]
    # Contact before midstance and toe-off after it, or the peak's time stands.
    first = min((t for t in lands if t is not None and t < middle), default=None)
    if toe_off is None:
        return first, None
    leaves = [lift_off(y, toe_off, contact, search, band, clear) for y in heights]
    last = max((t for t in leaves if t is not None and t > middle), default=None)
    return first, last
