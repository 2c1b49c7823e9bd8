"""The knowledge base loads strictly and reports problems with file and line."""

from __future__ import annotations

from pathlib import Path

from runknee.knowledge.lint import REQUIRED_CONDITIONS, check_references
from runknee.knowledge.loader import content_hash, load_knowledge_base
from tests.engine.fixture_kb import FIXTURE_DIR
from tests.knowledge.kb_issues import load_issues


def test_packaged_knowledge_base_loads_with_every_required_condition() -> None:
    kb = load_knowledge_base()
    assert set(REQUIRED_CONDITIONS) <= set(kb.conditions)
    assert kb.version.startswith("kb-")
    assert not [p for p in check_references(kb) if p.severity == "error"]


def test_every_condition_has_codes_look_alikes_and_cited_features() -> None:
    kb = load_knowledge_base()
    for condition in kb.conditions.values():
        assert condition.codes.icd10
        assert condition.look_alikes, condition.id
        assert all(feature.sources for feature in condition.features)
        assert all(source in kb.sources for source in condition.sources)


def test_duplicate_key_is_reported_with_its_line(data_copy: Path) -> None:
    path = data_copy / "urgency.yaml"
    lines = path.read_text().splitlines()
    lines.insert(3, "    label: Duplicate label")
    path.write_text("\n".join(lines) + "\n")
    issues = load_issues(data_copy)
    # the original label (now on line 5) is the second occurrence
    assert any("urgency.yaml:5: K003 " in issue for issue in issues)


def test_unknown_key_is_an_error_naming_the_field(data_copy: Path) -> None:
    path = data_copy / "conditions" / "fracture.yaml"
    path.write_text(path.read_text() + "colour: blue\n")
    issues = load_issues(data_copy)
    assert any(
        "fracture.yaml" in issue and " K004 " in issue and "colour" in issue for issue in issues
    )


def test_dangling_finding_id_is_an_error(data_copy: Path) -> None:
    path = data_copy / "red_flags.yaml"
    text = path.read_text().replace("{finding: kneecap_out_now}", "{finding: kneecap_gone}", 1)
    path.write_text(text)
    issues = load_issues(data_copy)
    assert any(" K102 " in issue and "kneecap_gone" in issue for issue in issues)


def test_dangling_source_id_is_an_error(data_copy: Path) -> None:
    path = data_copy / "conditions" / "dvt.yaml"
    path.write_text(path.read_text().replace("sources: [", "sources: [no_such_paper, ", 1))
    issues = load_issues(data_copy)
    assert any(" K101 " in issue and "no_such_paper" in issue for issue in issues)


def test_yaml_syntax_error_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "priors.yaml"
    path.write_text(path.read_text() + "table: [unclosed\n")
    issues = load_issues(data_copy)
    assert any("priors.yaml" in issue and " K002 " in issue for issue in issues)


def test_missing_required_condition_is_an_error(data_copy: Path) -> None:
    (data_copy / "conditions" / "bakers_cyst.yaml").unlink()
    issues = load_issues(data_copy)
    assert any(" K108 " in issue and "bakers_cyst" in issue for issue in issues)


def test_a_base_in_another_folder_loads_with_the_conditions_it_requires() -> None:
    """The engine tests' made-up base loads from its own folder when it requires none of the
    shipped conditions, and fails on them otherwise."""
    kb = load_knowledge_base(FIXTURE_DIR, required_conditions=())
    assert kb.data_dir == FIXTURE_DIR
    assert set(kb.conditions) == {"alpha_pain", "beta_strain", "gamma_break"}
    assert check_references(kb, required_conditions=()) == []
    issues = load_issues(FIXTURE_DIR)
    assert len([issue for issue in issues if " K108 " in issue]) == len(REQUIRED_CONDITIONS)


def test_content_hash_changes_with_content(data_copy: Path) -> None:
    before = content_hash(data_copy)
    path = data_copy / "urgency.yaml"
    path.write_text(path.read_text() + "# reviewed\n")
    assert content_hash(data_copy) != before


def test_question_gate_cycle_is_an_error(data_copy: Path) -> None:
    path = data_copy / "findings.yaml"
    text = path.read_text().replace(
        "    question: Did the pain start with an injury,",
        "    ask_when: {finding: fall_or_blow}\n    question: Did the pain start with an injury,",
        1,
    )
    path.write_text(text)
    issues = load_issues(data_copy)
    assert any(" K106 " in issue and "injury_event" in issue for issue in issues)
