"""Draw an exercise's stick figure as a self-contained SVG string.

Pure: a :class:`~runknee.knowledge.exercise_models.Pose` goes in, SVG text comes out. The SVG
has a ``viewBox`` and no fixed size, so it scales with the page; a ``<title>`` and ``<desc>``
give screen readers a text alternative; nothing refers to anything outside the file (no fonts,
images or stylesheets). Element ids start with ``figure_id`` so several figures can share a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

from runknee.i18n import N_
from runknee.knowledge.base import english
from runknee.knowledge.exercise_models import (
    Band,
    Block,
    Exercise,
    Floor,
    Point,
    Pose,
    Position,
    Prop,
    Wall,
)

INK = "#1f2a44"  # body, near limbs
FAR_INK = "#8a94a6"  # far limbs, drawn behind
PROP_INK = "#5c6b7a"
PROP_FILL = "#e9edf2"
ARROW_INK = "#c2410c"
HEAD_RADIUS = 6.0
LIMB_WIDTH = 4.0
MARGIN = 6.0
PANEL_GAP = 20.0  # between the two positions of a side-by-side pose

_FAR_CHAINS = (("shoulder", "elbow_l", "hand_l"), ("hip", "knee_l", "ankle_l", "foot_l"))
_NEAR_CHAINS = (("hip", "knee_r", "ankle_r", "foot_r"), ("shoulder", "elbow_r", "hand_r"))


DESCRIPTION = N_("Stick figure showing %(name)s: %(positions)s.")
POSITION_SEPARATOR = N_(", then ")


def render_exercise(exercise: Exercise, translate: Callable[[str], str] = english) -> str:
    """The SVG illustration of one exercise; its text alternative a whole sentence in the
    language of ``translate`` (the knowledge base's: the exercise's words are in it already).

    Raises:
        ValueError: if the exercise has no pose (``runknee kb lint`` reports this as an error).
    """
    if exercise.pose is None:
        raise ValueError(f"exercise {exercise.id!r} has no pose to draw")
    labels = [position.label for position in exercise.pose.positions]
    positions = translate(POSITION_SEPARATOR).join(labels)
    description = translate(DESCRIPTION) % {"name": exercise.name, "positions": positions}
    return render_pose(exercise.pose, exercise.name, description, figure_id=exercise.id)


def render_pose(pose: Pose, title: str, description: str = "", figure_id: str = "figure") -> str:
    """Draw a pose (one or two positions, props and a movement arrow) as an SVG document.

    Args:
        pose: the positions and props, in the 100 x 100 frame with ``y`` up.
        title: short accessible name, e.g. the exercise name.
        description: longer text alternative.
        figure_id: prefix for element ids (letters, digits, ``_`` and ``-``).

    Returns:
        The SVG as a string.
    """
    positions = _placed_positions(pose)
    shift = _panel_shift(pose)
    parts: list[str] = []
    parts.extend(_prop(prop, pose, shift) for prop in pose.props)
    if len(positions) == 2 and pose.layout == "overlay":
        parts.append(f'<g opacity="0.3">{_figure(positions[0])}</g>')
        parts.append(_figure(positions[1]))
    else:
        parts.extend(_figure(position) for position in positions)
    arrow = _arrow(pose, positions)
    if arrow:
        parts.append(arrow)
    box = _view_box(pose, positions, shift)
    if len(positions) == 2:
        box, caption = _captioned(box, pose, positions)
        parts.append(caption)
    title_id, desc_id = f"{figure_id}-title", f"{figure_id}-desc"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{box}" role="img" aria-labelledby="{title_id} {desc_id}">'
        f"<title id={quoteattr(title_id)}>{escape(title)}</title>"
        f"<desc id={quoteattr(desc_id)}>{escape(description or title)}</desc>"
        + "".join(parts)
        + "</svg>"
    )


CAPTION_SIZE = 4.2
CAPTION_COLOUR = "#33404d"


def _captioned(box: str, pose: Pose, positions: list[dict[str, Point]]) -> tuple[str, str]:
    """The view box made taller, and the words that say which figure is the start and which
    the end (faint and dark when drawn over each other, 1 and 2 when side by side)."""
    x, y, width, height = (float(part) for part in box.split())
    baseline = y + height + CAPTION_SIZE + 1.5
    texts = []
    if pose.layout == "overlay":
        texts.append((x + 1, "Faint = start, dark = end"))
    else:
        for number, (word, position) in enumerate(zip(("Start", "End"), positions, strict=True)):
            left = min(px for px, _ in position.values())
            texts.append((left, f"{number + 1}. {word}"))
    caption = "".join(
        f'<text x="{tx:.1f}" y="{baseline:.1f}" font-family="sans-serif" '
        f'font-size="{CAPTION_SIZE}" fill="{CAPTION_COLOUR}">{escape(text)}</text>'
        for tx, text in texts
    )
    return f"{x:.1f} {y:.1f} {width:.1f} {height + CAPTION_SIZE + 3:.1f}", caption


def _panel_shift(pose: Pose) -> float:
    if pose.layout != "side_by_side" or len(pose.positions) < 2:
        return 0.0
    xs = [x for x, _ in pose.positions[0].joints.values()]
    return max(xs) - min(xs) + PANEL_GAP + 2 * HEAD_RADIUS


def _placed_positions(pose: Pose) -> list[dict[str, Point]]:
    """Joint positions per drawn figure, with the second panel moved right when side by side."""
    shift = _panel_shift(pose)
    placed = []
    for index, position in enumerate(pose.positions):
        dx = shift * index
        placed.append({name: (x + dx, y) for name, (x, y) in _with_shoulder(position).items()})
    return placed


def _with_shoulder(position: Position) -> dict[str, Point]:
    joints: dict[str, Point] = {str(name): point for name, point in position.joints.items()}
    joints.setdefault("shoulder", joints["neck"])
    return joints


def _xy(point: Point) -> str:
    return f"{point[0]:.1f},{-point[1]:.1f}"


def _polyline(points: Iterable[Point], colour: str, width: float = LIMB_WIDTH) -> str:
    coordinates = " ".join(_xy(point) for point in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{colour}" '
        f'stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _chain(joints: dict[str, Point], names: tuple[str, ...], colour: str) -> str:
    points = []
    for name in names:
        if name not in joints:
            break
        points.append(joints[name])
    return _polyline(points, colour) if len(points) >= 2 else ""


def _figure(joints: dict[str, Point]) -> str:
    parts = [_chain(joints, chain, FAR_INK) for chain in _FAR_CHAINS]
    parts.append(_polyline([joints["hip"], joints["neck"]], INK, LIMB_WIDTH + 1))
    parts.extend(_chain(joints, chain, INK) for chain in _NEAR_CHAINS)
    head_x, head_y = joints["head"]
    parts.append(
        f'<circle cx="{head_x:.1f}" cy="{-head_y:.1f}" r="{HEAD_RADIUS}" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="{LIMB_WIDTH - 1}"/>'
    )
    return "<g>" + "".join(part for part in parts if part) + "</g>"


def _prop(prop: Prop, pose: Pose, shift: float) -> str:
    """One prop, repeated under each panel when the positions are side by side."""
    copies = 2 if shift else 1
    return "".join(_prop_at(prop, shift * index) for index in range(copies))


def _prop_at(prop: Prop, dx: float) -> str:
    if isinstance(prop, Floor):
        return _polyline([(-10 + dx, prop.y - 2), (110 + dx, prop.y - 2)], PROP_INK, 1.5)
    if isinstance(prop, Wall):
        return (
            f'<rect x="{prop.x + dx:.1f}" y="{-prop.height:.1f}" width="3" '
            f'height="{prop.height:.1f}" fill="{PROP_FILL}" stroke="{PROP_INK}" stroke-width="1"/>'
        )
    if isinstance(prop, Block):
        x, y, w, h = prop.x + dx, prop.y - 2, prop.width, prop.height
        corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h + prop.slope)]
        return (
            f'<polygon points="{" ".join(_xy(c) for c in corners)}" fill="{PROP_FILL}" '
            f'stroke="{PROP_INK}" stroke-width="1" stroke-linejoin="round"/>'
        )
    if isinstance(prop, Band):
        start = (prop.start[0] + dx, prop.start[1])
        end = (prop.end[0] + dx, prop.end[1])
        return (
            f'<line x1="{start[0]:.1f}" y1="{-start[1]:.1f}" x2="{end[0]:.1f}" '
            f'y2="{-end[1]:.1f}" stroke="{ARROW_INK}" stroke-width="1.5" '
            'stroke-dasharray="3 2" stroke-linecap="round"/>'
        )
    raise TypeError(f"unsupported prop {prop!r}")  # pragma: no cover


def _arrow(pose: Pose, positions: list[dict[str, Point]]) -> str:
    """An arrow from the moving joint's first position to its second (or between panels)."""
    if len(positions) < 2:
        return ""
    first, second = positions
    if pose.layout == "side_by_side":
        xs_first = [x for x, _ in first.values()]
        xs_second = [x for x, _ in second.values()]
        y = max(y for _, y in first.values()) / 2
        start = (max(xs_first) + 4, y)
        end = (min(xs_second) - 4, y)
    else:
        joint = pose.arrow or _furthest_moving(first, second)
        start, end = first[joint], second[joint]
        start, end = _offset(start, end, 4.0)
    return _arrow_shape(start, end)


def _furthest_moving(first: dict[str, Point], second: dict[str, Point]) -> str:
    def moved(name: str) -> float:
        (x1, y1), (x2, y2) = first[name], second[name]
        return (x2 - x1) ** 2 + (y2 - y1) ** 2

    common = sorted(set(first) & set(second))
    return max(common, key=moved)


def _offset(start: Point, end: Point, by: float) -> tuple[Point, Point]:
    """Move the arrow off the limb it follows, perpendicular to its direction."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max((dx**2 + dy**2) ** 0.5, 1e-9)
    nx, ny = -dy / length * by, dx / length * by
    return (start[0] + nx, start[1] + ny), (end[0] + nx, end[1] + ny)


def _arrow_shape(start: Point, end: Point) -> str:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx**2 + dy**2) ** 0.5
    if length < 3:
        return ""
    ux, uy = dx / length, dy / length
    base = (end[0] - ux * 4, end[1] - uy * 4)
    left = (base[0] - uy * 2.5, base[1] + ux * 2.5)
    right = (base[0] + uy * 2.5, base[1] - ux * 2.5)
    return (
        f'<g class="movement">{_polyline([start, base], ARROW_INK, 1.5)}'
        f'<polygon points="{_xy(end)} {_xy(left)} {_xy(right)}" fill="{ARROW_INK}"/></g>'
    )


def _view_box(pose: Pose, positions: list[dict[str, Point]], shift: float) -> str:
    xs: list[float] = []
    ys: list[float] = []
    for joints in positions:
        for name, (x, y) in joints.items():
            pad = HEAD_RADIUS if name == "head" else LIMB_WIDTH / 2
            xs.extend((x - pad, x + pad))
            ys.extend((y - pad, y + pad))
    for prop in pose.props:
        for dx in (0.0, shift) if shift else (0.0,):
            px, py = _prop_extent(prop)
            xs.extend(x + dx for x in px)
            ys.extend(py)
    if any(isinstance(prop, Floor) for prop in pose.props):
        xs_body = [x for joints in positions for x, _ in joints.values()]
        xs = [x for x in xs if min(xs_body) - 30 <= x <= max(xs_body) + 30]
    left, right = min(xs) - MARGIN, max(xs) + MARGIN
    bottom, top = min(ys) - MARGIN, max(ys) + MARGIN
    return f"{left:.1f} {-top:.1f} {right - left:.1f} {top - bottom:.1f}"


def _prop_extent(prop: Prop) -> tuple[list[float], list[float]]:
    if isinstance(prop, Floor):
        return [-10.0, 110.0], [prop.y - 3]
    if isinstance(prop, Wall):
        return [prop.x, prop.x + 3], [0.0, prop.height]
    if isinstance(prop, Block):
        top = prop.y - 2 + prop.height + prop.slope
        return [prop.x, prop.x + prop.width], [prop.y - 2, top]
    return [prop.start[0], prop.end[0]], [prop.start[1], prop.end[1]]
