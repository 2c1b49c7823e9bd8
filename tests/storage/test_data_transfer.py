"""Data that moves: export -> erase -> import gives an identical export, on SQLite and
PostgreSQL; same ids are skipped or kept both; damaged and foreign files are rejected with a
reason and nothing is written (issue 12)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Connection

from runknee.api import Runknee
from runknee.errors import CaseInputError
from runknee.storage.transfer import (
    SECTIONS,
    ImportContext,
    Section,
    SectionReport,
    register_section,
)
from tests.plan_helpers import plan_with_sessions

CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_squatting": "present"},
}


def _fill(api: Runknee) -> None:
    plan_with_sessions(api, CASE, [(2, 1)] * 3)
    api.save_assessment({**CASE, "age_years": 40})
    draft = api.interviews.start()
    api.interviews.answer(draft.id, "age_years", "31")


def _without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "exported_at"}


def test_export_erase_import_gives_an_identical_export(any_api: Runknee) -> None:
    _fill(any_api)
    before = any_api.export_data()
    any_api.erase_data()
    report = any_api.import_data(json.dumps(before))
    assert report.sections["assessments"].imported == 2
    assert report.sections["plans"].imported == 1
    assert report.sections["sessions"].imported == 3
    assert report.sections["drafts"].imported == 1
    assert _without_time(any_api.export_data()) == _without_time(before)


def test_same_ids_are_skipped_or_kept_both(any_api: Runknee) -> None:
    _fill(any_api)
    document = any_api.export_data()
    skipped = any_api.import_data(document)
    assert skipped.sections["assessments"].imported == 0
    assert len(skipped.sections["assessments"].skipped) == 2
    assert "already here, left as they were" in " ".join(skipped.lines())
    assert len(any_api.list_assessments()) == 2
    both = any_api.import_data(document, mode="keep-both")
    assert len(both.sections["assessments"].renamed) == 2
    assert len(both.sections["sessions"].renamed) == 3  # the copy's sessions get new ids
    assert len(any_api.list_assessments()) == 4
    plans = any_api.list_plans()
    assert len(plans) == 2
    renamed = both.sections["assessments"].renamed
    original = document["plans"][0]["assessment_id"]
    assert {p.assessment_id for p in plans} == {original, renamed[original]}
    assert sorted(p.session_count for p in plans) == [3, 3]
    assert all(len(any_api.plan_timeline(p.id)) == 3 for p in plans)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "not a runknee export"),
        ("[1, 2]", "not a runknee export"),
        (
            '{"format": "runknee-export", "format_version": 99, "knowledge_version": "x"}',
            "newer runknee",
        ),
        ('{"format": "runknee-export", "format_version": 1}', "knowledge_version"),
    ],
)
def test_damaged_or_foreign_files_are_rejected_with_a_reason(
    api: Runknee, text: str, reason: str
) -> None:
    with pytest.raises(CaseInputError) as caught:
        api.import_data(text)
    assert reason in str(caught.value)


def test_a_bad_record_rejects_the_whole_file_and_writes_nothing(api: Runknee) -> None:
    _fill(api)
    document = api.export_data()
    api.erase_data()
    document["plans"][0]["sessions"][1]["session"]["pain_during_0_10"] = 99
    with pytest.raises(CaseInputError, match=r"plans\[0\]\.sessions\[1\]"):
        api.import_data(document)
    assert api.list_assessments() == []


def test_a_failing_section_rolls_everything_back(api: Runknee) -> None:
    _fill(api)
    document = api.export_data()
    api.erase_data()

    def explode(
        connection: Connection, items: list[dict[str, Any]], ctx: ImportContext
    ) -> SectionReport:
        raise RuntimeError("disk full")

    register_section(Section("gadgets", lambda connection: [], explode))
    try:
        with pytest.raises(RuntimeError):
            api.import_data({**document, "gadgets": [{"id": "x"}]})
    finally:
        SECTIONS.pop("gadgets")
    assert api.list_assessments() == [] and api.list_plans() == []


def test_other_packages_add_sections_to_export_and_import(api: Runknee) -> None:
    seen: list[dict[str, Any]] = []

    def take(
        connection: Connection, items: list[dict[str, Any]], ctx: ImportContext
    ) -> SectionReport:
        seen.extend(items)
        return SectionReport(imported=len(items))

    register_section(Section("gadgets", lambda connection: [{"id": "d1"}], take))
    try:
        document = api.export_data()
        assert document["gadgets"] == [{"id": "d1"}]
        report = api.import_data(document)
    finally:
        SECTIONS.pop("gadgets")
    assert seen == [{"id": "d1"}] and report.sections["gadgets"].imported == 1


def test_a_different_knowledge_base_and_unknown_sections_are_reported(api: Runknee) -> None:
    _fill(api)
    document = {**api.export_data(), "knowledge_version": "kb-older", "gadgets": []}
    report = api.import_data(document)
    notes = " ".join(report.notes)
    assert "kb-older" in notes and "'gadgets'" in notes


def test_every_section_an_import_reports_has_its_words(any_api: Runknee) -> None:
    from runknee.services.data_transfer import SECTION_WORDS

    _fill(any_api)
    report = any_api.import_data(json.dumps(any_api.export_data()), mode="keep-both")
    assert set(report.sections) <= set(SECTION_WORDS)
    assert "Diary pain entries" not in " ".join(report.lines())  # none: no line
    assert "Assessments: 2 imported, 2 already here, kept both (new ids)." in report.lines()
