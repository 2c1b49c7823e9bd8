"""Schema and lint checks added for the safe interview: parents, figures, unknowns, screening."""

from __future__ import annotations

from pathlib import Path

from runknee.knowledge.lint import check_references
from runknee.knowledge.loader import load_knowledge_base
from runknee.knowledge.models import Urgency
from tests.knowledge.kb_issues import load_issues


def _append_to_condition(data_dir: Path, condition_id: str, text: str) -> None:
    path = data_dir / "conditions" / f"{condition_id}.yaml"
    path.write_text(path.read_text() + text)


def test_parent_must_name_a_condition(data_copy: Path) -> None:
    _append_to_condition(data_copy, "stress_fracture", "parent: no_such_condition\n")
    issues = load_issues(data_copy)
    assert any(" K133 " in issue and "no_such_condition" in issue for issue in issues)


def test_parent_chains_are_errors(data_copy: Path) -> None:
    _append_to_condition(data_copy, "stress_fracture", "parent: fracture\n")
    _append_to_condition(data_copy, "fracture", "parent: ligament_sprain\n")
    issues = load_issues(data_copy)
    assert any(" K134 " in issue and "stress_fracture" in issue for issue in issues)


def test_a_valid_parent_loads(data_copy: Path) -> None:
    _append_to_condition(data_copy, "stress_fracture", "parent: fracture\n")
    assert load_knowledge_base(data_copy).conditions["stress_fracture"].parent == "fracture"


def _set_figure(data_dir: Path, figure: str) -> None:
    path = data_dir / "findings.yaml"
    text = path.read_text().replace(
        "    question: Did you feel or hear a pop in the knee when it happened?",
        f"    figure: {figure}\n"
        "    how_to_check: Think back to the moment it happened.\n"
        "    question: Did you feel or hear a pop in the knee when it happened?",
        1,
    )
    path.write_text(text)


def test_missing_figure_file_is_an_error(data_copy: Path) -> None:
    _set_figure(data_copy, "no_such_picture")
    issues = load_issues(data_copy)
    assert any(" K135 " in issue and "no_such_picture" in issue for issue in issues)


def test_malformed_or_untitled_figure_is_an_error(data_copy: Path) -> None:
    folder = data_copy / "figures"
    folder.mkdir(exist_ok=True)
    (folder / "broken_picture.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")
    _set_figure(data_copy, "broken_picture")
    assert any(" K136 " in issue for issue in load_issues(data_copy))
    (folder / "broken_picture.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert any(" K138 " in issue for issue in load_issues(data_copy))


def test_every_packaged_figure_is_named_by_a_finding_and_titled() -> None:
    kb = load_knowledge_base()
    named = {f.figure for f in kb.findings.values() if f.figure is not None}
    on_disk = {path.stem for path in (kb.data_dir / "figures").glob("*.svg")}
    assert named == on_disk
    assert all(kb.findings[f].how_to_check for f in kb.findings if kb.findings[f].figure)


def test_urgency_if_unsure_may_not_exceed_the_rule(data_copy: Path) -> None:
    path = data_copy / "red_flags.yaml"
    text = path.read_text()
    start = text.index("  - id: locked_knee")
    line = "    urgency_if_unsure: consultation\n"
    at = text.index(line, start)
    text = text[:at] + "    urgency_if_unsure: emergency\n" + text[at + len(line) :]
    path.write_text(text)
    issues = load_issues(data_copy)
    assert any(" K113 " in issue for issue in issues)


def test_ambulance_rules_need_a_definite_yes() -> None:
    kb = load_knowledge_base()
    for rule in kb.rules:
        if rule.urgency is Urgency.emergency_ambulance:
            assert rule.urgency_if_unsure is not None, rule.id
        if rule.urgency_if_unsure is not None:
            assert rule.urgency_if_unsure is not Urgency.emergency_ambulance, rule.id
            assert rule.urgency_if_unsure.rank <= rule.urgency.rank, rule.id


def test_ambulance_rule_without_urgency_if_unsure_is_an_error(data_copy: Path) -> None:
    path = data_copy / "red_flags.yaml"
    text = path.read_text()
    assert "    urgency_if_unsure: emergency\n" in text
    path.write_text(text.replace("    urgency_if_unsure: emergency\n", ""))
    issues = load_issues(data_copy)
    assert any(" K114 " in issue for issue in issues)


def test_red_rule_findings_must_be_screening_questions(data_copy: Path) -> None:
    path = data_copy / "findings.yaml"
    text = path.read_text()
    block_start = text.index("  - id: kneecap_out_now")
    block_end = text.index("  - id: ", block_start + 5)
    block = text[block_start:block_end].replace("    urgency_screen: true\n", "")
    path.write_text(text[:block_start] + block + text[block_end:])
    issues = load_issues(data_copy)
    assert any(" K140 " in issue and "kneecap_out_now" in issue for issue in issues)


def test_priors_need_every_age_band_for_both_onsets(data_copy: Path) -> None:
    path = data_copy / "priors.yaml"
    text = path.read_text().replace("{age_5_9: 3, age_10_17: 4,", "{age_10_17: 4,", 1)
    path.write_text(text)
    issues = load_issues(data_copy)
    assert any(" K119 " in issue and "age_5_9" in issue for issue in issues)


def test_packaged_base_has_no_lint_warnings() -> None:
    assert check_references(load_knowledge_base()) == []
