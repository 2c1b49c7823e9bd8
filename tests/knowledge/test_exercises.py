"""The exercise library and care-plan data load strictly; lint errors name file and line."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import get_args

from runknee.knowledge.exercise_models import ExerciseCategory
from runknee.knowledge.loader import load_knowledge_base
from tests.knowledge.kb_issues import load_issues

EXERCISES = "exercises/tendon_loading.yaml"


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; return the 1-based line where it was."""
    text = path.read_text()
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :])
    return text[:index].count("\n") + 1


def test_library_has_at_least_30_exercises_across_every_category() -> None:
    kb = load_knowledge_base()
    assert len(kb.exercises) >= 30
    categories = Counter(exercise.category for exercise in kb.exercises.values())
    assert set(categories) == set(get_args(ExerciseCategory))  # every category has one
    stages = {e.loading_stage for e in kb.exercises.values() if e.category == "tendon_loading"}
    assert stages == {"isometric", "isotonic", "energy_storage"}
    for required in ("wall_sit", "spanish_squat", "slow_split_squat", "decline_squat"):
        assert required in kb.exercises
    for required in ("cadence_drill", "high_knees", "a_skips", "pogo_hops", "bounding"):
        assert required in kb.exercises


def test_every_exercise_is_complete_and_cites_known_sources() -> None:
    kb = load_knowledge_base()
    for exercise in kb.exercises.values():
        assert exercise.pose is not None, exercise.id
        assert len(exercise.steps) >= 2
        assert exercise.when_not_to_do
        assert all(source in kb.sources for source in exercise.sources)
        assert all(condition in kb.conditions for condition in exercise.conditions)
        assert exercise.dosage.summary()


def test_plans_load_and_every_programme_exercise_exists() -> None:
    kb = load_knowledge_base()
    assert kb.plans is not None
    for programme in kb.plans.programmes:
        for phase in programme.phases:
            assert set(phase.exercises) <= set(kb.exercises)
    assert sum(programme.default for programme in kb.plans.programmes) == 1


def test_knowledge_base_without_exercises_or_plans_still_loads(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "exercises")
    (data_copy / "plans.yaml").unlink()
    (data_copy / "sources" / "exercises.yaml").unlink()
    (data_copy / "diary.yaml").unlink()  # its pain flags cite the pain-monitoring sources
    kb = load_knowledge_base(data_copy)
    assert kb.exercises == {}
    assert kb.plans is None and kb.diary is None


def test_unknown_key_in_an_exercise_names_file_and_line(data_copy: Path) -> None:
    line = _edit(data_copy / EXERCISES, "    purpose:", "    colour: blue\n    purpose:")
    issues = load_issues(data_copy)
    assert any(f"{EXERCISES}:{line}: K004 " in i and "colour" in i for i in issues), issues


def test_duplicate_key_in_an_exercise_names_its_line(data_copy: Path) -> None:
    line = _edit(data_copy / EXERCISES, "    purpose:", "    name: Again\n    purpose:")
    issues = load_issues(data_copy)
    assert any(f"{EXERCISES}:{line}: K003 " in i for i in issues), issues


def test_dangling_source_id_is_an_error(data_copy: Path) -> None:
    _edit(data_copy / EXERCISES, "sources: [breda2021, malliaras2015]", "sources: [nobody1999]")
    issues = load_issues(data_copy)
    assert any(EXERCISES in i and " K101 " in i and "nobody1999" in i for i in issues), issues


def test_dangling_condition_id_is_an_error(data_copy: Path) -> None:
    _edit(data_copy / EXERCISES, "conditions: [patellar_tendinopathy]", "conditions: [jumpers_ear]")
    issues = load_issues(data_copy)
    assert any(EXERCISES in i and " K103 " in i and "jumpers_ear" in i for i in issues)


def test_duplicate_exercise_id_is_an_error_at_the_second_copy(data_copy: Path) -> None:
    line = _edit(data_copy / EXERCISES, "  - id: spanish_squat", "  - id: wall_sit")
    issues = load_issues(data_copy)
    assert any(f"{EXERCISES}:{line}: K006 " in i and "wall_sit" in i for i in issues), issues


def test_missing_pose_is_an_error_naming_the_exercise(data_copy: Path) -> None:
    path = data_copy / "exercises" / "extra.yaml"
    source = (data_copy / EXERCISES).read_text()
    start = source.index("  - id: decline_squat")
    block = source[start : source.index("    pose:", start)]
    path.write_text("exercises:\n" + block.replace("decline_squat", "no_picture_squat"))
    issues = load_issues(data_copy)
    assert any("extra.yaml:2: K121 " in i and "no_picture_squat" in i for i in issues), issues


def test_unknown_joint_in_a_pose_is_a_schema_error(data_copy: Path) -> None:
    _edit(data_copy / EXERCISES, "head: [", "tail: [")
    issues = load_issues(data_copy)
    assert any(EXERCISES in i and " K004 " in i and "tail" in i for i in issues), issues


def test_unknown_exercise_in_a_programme_phase_is_an_error(data_copy: Path) -> None:
    line = _edit(data_copy / "plans.yaml", "exercises: [wall_sit,", "exercises: [wall_sitt,")
    issues = load_issues(data_copy)
    assert any("plans.yaml" in i and " K130 " in i and "wall_sitt" in i for i in issues)
    assert line > 1


def test_review_trigger_less_urgent_than_triage_rule_is_an_error(data_copy: Path) -> None:
    path = data_copy / "plans.yaml"
    text = path.read_text()
    start = text.index("  - id: calf_pain_or_swelling")
    level = text.index("level: emergency", start)
    path.write_text(text[:level] + "level: consultation" + text[level + len("level: emergency") :])
    issues = load_issues(data_copy)
    assert any(
        "plans.yaml" in i
        and " K127 " in i
        and "calf_pain_or_swelling" in i
        and "suspected_blood_clot" in i
        for i in issues
    ), issues


def test_unknown_factor_in_prevention_is_an_error(data_copy: Path) -> None:
    _edit(data_copy / "plans.yaml", "factors: [overstriding]", "factors: [bad_vibes]")
    issues = load_issues(data_copy)
    assert any(" K124 " in i and "bad_vibes" in i for i in issues), issues
