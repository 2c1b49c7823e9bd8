"""Every exercise's stick figure is a valid, accessible, self-contained and distinct SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from runknee.drawing.exercises import render_exercise, render_pose
from runknee.knowledge.exercise_models import Exercise, Pose
from runknee.knowledge.loader import default_knowledge_base

SVG = "{http://www.w3.org/2000/svg}"
EXERCISES = sorted(default_knowledge_base().exercises.values(), key=lambda e: e.id)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_renders_valid_svg_with_title_and_description(exercise: Exercise) -> None:
    svg = render_exercise(exercise)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == exercise.name
    assert root.find(f"{SVG}desc") is not None
    assert "href" not in svg and "url(" not in svg and "<image" not in svg
    assert root.find(f".//{SVG}circle") is not None  # the head
    assert 'stroke-linecap="round"' in svg


def test_no_two_exercises_draw_the_same_svg() -> None:
    drawings = [render_exercise(exercise) for exercise in EXERCISES]
    assert len(set(drawings)) == len(drawings)
    figures_only = [d.split("</desc>", 1)[1] for d in drawings]  # ignore title and description
    assert len(set(figures_only)) == len(figures_only)


def test_two_positions_get_a_movement_arrow_and_one_does_not() -> None:
    moving = next(e for e in EXERCISES if e.pose and len(e.pose.positions) == 2)
    still = next(e for e in EXERCISES if e.pose and len(e.pose.positions) == 1)
    assert 'class="movement"' in render_exercise(moving)
    assert 'class="movement"' not in render_exercise(still)


def test_render_pose_escapes_text_and_prefixes_ids() -> None:
    pose = EXERCISES[0].pose
    assert isinstance(pose, Pose)
    svg = render_pose(pose, "Knees & <toes>", "A < B", figure_id="fig-1")
    root = ET.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Knees & <toes>"
    assert 'id="fig-1-title"' in svg


def test_exercise_without_pose_cannot_be_drawn() -> None:
    exercise = EXERCISES[0].model_copy(update={"pose": None})
    with pytest.raises(ValueError, match="no pose"):
        render_exercise(exercise)
