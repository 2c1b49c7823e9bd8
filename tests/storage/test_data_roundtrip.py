"""Everything the runner has moves: assessments, plans, sessions, drafts, the diary (real activity
files with their per-km splits, manual runs, pain, shoes) and form checks with their videos go
through export -> erase-all -> import and come back as the same export, on SQLite and PostgreSQL
(issue 12); same ids are skipped or kept both, section by section; a damaged diary or video is
refused with the place it is damaged and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from runknee import i18n
from runknee.api import Runknee
from runknee.errors import CaseInputError
from tests import translation
from tests.full_data import ANNOTATED, CLIP, activity_files, fill


def text_without_time(document: dict[str, Any]) -> str:
    """The export as ``runknee data export`` writes it, without the export's own timestamp."""
    return json.dumps(
        {key: value for key, value in document.items() if key != "exported_at"},
        indent=2,
        ensure_ascii=False,
    )


def test_export_erase_import_gives_the_same_export_with_diary_and_form_checks(
    any_api: Runknee,
) -> None:
    fill(any_api)
    before = any_api.export_data()
    diary = before["diary"]
    assert any(activity["splits"] for activity in diary["activities"])
    assert len(diary["shoes"]) == 2 and len(diary["pain"]) == 2
    assert [c["clip_bytes"] for c in before["form_checks"]] == [len(CLIP), None]
    any_api.erase_data()
    assert any_api.export_data()["diary"]["activities"] == []
    report = any_api.import_data(json.dumps(before))
    counts = {name: part.imported for name, part in report.sections.items()}
    assert counts == {
        "assessments": 1,
        "plans": 1,
        "drafts": 1,
        "sessions": 2,
        "diary_shoes": 2,
        "diary_activities": len(diary["activities"]),
        "diary_imported_files": len(diary["imported_files"]),
        "diary_pain_entries": 2,
        "form_checks": 2,
    }
    assert "Diary activities:" in " ".join(report.lines()) and report.notes == []
    assert text_without_time(any_api.export_data()) == text_without_time(before)
    kept = next(c for c in any_api.form.list() if c.label == "before.mp4")
    assert any_api.form.video(kept.id, "clip") == CLIP
    assert any_api.form.video(kept.id, "annotated") == ANNOTATED
    again = any_api.diary.import_paths(activity_files(), workers=1)
    assert again.activities_added == 0


def test_same_ids_in_the_diary_are_skipped_or_kept_both_with_their_links(
    any_api: Runknee,
) -> None:
    fill(any_api)
    document = any_api.export_data()
    runs = len(any_api.diary.runs())
    skipped = any_api.import_data(document)
    assert skipped.sections["diary_activities"].imported == 0
    assert len(skipped.sections["diary_activities"].skipped) == runs
    assert len(skipped.sections["form_checks"].skipped) == 2
    assert len(any_api.diary.runs()) == runs
    both = any_api.import_data(document, mode="keep-both")
    shoes = both.sections["diary_shoes"].renamed
    assert len(shoes) == 2 and len(any_api.diary.shoes()) == 4
    assert len(both.sections["diary_imported_files"].skipped) == len(
        document["diary"]["imported_files"]
    )
    assert len(any_api.diary.runs()) == 2 * runs and len(any_api.form.list()) == 4
    copies = both.sections["diary_activities"].renamed
    for original in document["diary"]["activities"]:
        copy = any_api.diary.run(copies[original["id"]])
        assert len(copy.splits) == len(original["splits"])
        assert copy.shoe_id == shoes.get(original["shoe_id"] or "", original["shoe_id"])
    assert "kept both (new ids)" in " ".join(both.lines())


def _damage_video(document: dict[str, Any]) -> None:
    document["form_checks"][0]["clip_base64"] = document["form_checks"][0]["clip_base64"][:-8]


def _damage_split(document: dict[str, Any]) -> None:
    with_splits = next(a for a in document["diary"]["activities"] if a["splits"])
    with_splits["splits"][0]["km"] = 0


def _damage_pain(document: dict[str, Any]) -> None:
    document["diary"]["pain"][1]["during_0_10"] = 11


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (_damage_video, "form_checks[0].clip_base64"),
        (_damage_split, "diary.activities["),
        (_damage_pain, "diary.pain[1].during_0_10"),
    ],
)
def test_a_damaged_diary_or_video_is_refused_and_nothing_is_written(
    api: Runknee, damage: Any, where: str
) -> None:
    fill(api)
    document = api.export_data()
    api.erase_data()
    damage(document)
    with pytest.raises(CaseInputError) as caught:
        api.import_data(document)
    assert where in str(caught.value) and "damaged" in str(caught.value)
    assert api.list_assessments() == [] and api.diary.runs() == [] and api.form.list() == []


def test_a_file_without_the_kept_videos_imports_the_metrics_and_says_so(api: Runknee) -> None:
    fill(api)
    document = api.export_data()
    api.erase_data()
    del document["form_checks"][0]["clip_base64"], document["form_checks"][0]["annotated_base64"]
    report = api.import_data(document)
    assert report.sections["form_checks"].imported == 2
    assert "1 form check came without the videos" in " ".join(report.lines())
    assert not any(check.has_clip for check in api.form.list())


def test_a_slip_in_a_notes_translation_neither_stops_the_import_nor_hides_the_note(
    api: Runknee, tmp_path: Path
) -> None:
    fill(api)
    document = api.export_data()
    api.erase_data()
    del document["form_checks"][0]["clip_base64"], document["form_checks"][0]["annotated_base64"]
    with i18n.CATALOGUE.open("rb") as file:
        catalog = read_po(file, locale="en")
    for message in catalog:  # every sentence translated, the plural ones with a broken place
        if isinstance(message.id, str):
            message.string = translation.MARK + message.id if message.id else ""
        else:
            message.string = tuple(f"{translation.MARK}%(cuont)s" for _ in message.id)
    with translation.active(catalog, tmp_path):
        report = api.import_data(document)
    assert report.sections["form_checks"].imported == 2
    assert "1 form check came without the videos" in " ".join(report.lines())


def test_runs_the_diary_already_has_from_the_watch_are_not_imported_twice(api: Runknee) -> None:
    fill(api)
    document = api.export_data()
    api.erase_data()
    api.diary.import_paths(activity_files(), workers=1)  # the same runs, new ids
    from_files = len(api.diary.runs())
    report = api.import_data(document)
    part = report.sections["diary_activities"]
    assert len(part.skipped) == from_files and part.imported == 2  # the two manual runs
    assert len(api.diary.runs()) == len(document["diary"]["activities"])
    assert "already in the diary under another id" in " ".join(report.lines())
    both = api.import_data(document, mode="keep-both")
    assert both.sections["diary_activities"].imported == len(document["diary"]["activities"])
