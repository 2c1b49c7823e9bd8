"""An import's notes and failures are sentences to translate: each note is stored with its
message beside the English (a note stored as plain text before still shows), and the pages and
the terminal show both in the active language."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from runknee.api import Runknee
from runknee.cli.main import app
from runknee.i18n import Message
from runknee.storage import AssessmentStore
from runknee.storage.database import downgrade
from tests import translation
from tests.diary.diary_helpers import sample

FENIX = "python-fitparse/activity-small-fenix2-run.fit"
CUT_SHORT = "the gzip file was cut short; read what came through"
MARK = translation.MARK


def _cut_short(api: Runknee) -> str:
    """Import a gzipped run cut short (salvaged, with a note); its activity id."""
    packed = gzip.compress(sample(FENIX).read_bytes())
    api.diary.import_upload("cut.fit.gz", packed[: len(packed) * 2 // 3])
    (run,) = api.diary.runs()
    return run.id


def test_a_note_is_stored_with_its_message(api: Runknee) -> None:
    run = api.diary.run(_cut_short(api))
    assert CUT_SHORT in run.import_notes
    assert Message.of(CUT_SHORT) in run.import_notes_i18n
    assert [note for note, _ in run.notes_with_messages] == list(run.import_notes)


def test_the_run_page_shows_its_notes_in_the_active_language(
    api: Runknee, app_client: TestClient, tmp_path: Path
) -> None:
    activity_id = _cut_short(api)
    with translation.pseudo(tmp_path):
        page = app_client.get(f"/diary/runs/{activity_id}", headers={"accept": "text/html"})
        listed = app_client.get("/diary/runs", headers={"accept": "text/html"})
    assert MARK + CUT_SHORT in page.text
    assert MARK + CUT_SHORT in listed.text


def test_a_note_stored_as_plain_text_still_shows(
    api: Runknee, store: AssessmentStore, app_client: TestClient
) -> None:
    activity_id = _cut_short(api)
    with store.engine.begin() as connection:  # a row written before messages were kept
        connection.execute(
            text(
                "UPDATE diary_activities SET import_notes = '[\"an old note\"]', "
                "import_notes_i18n = NULL"
            )
        )
    run = api.diary.run(activity_id)
    assert run.import_notes == ("an old note",) and run.import_notes_i18n == ()
    page = app_client.get(f"/diary/runs/{activity_id}", headers={"accept": "text/html"})
    assert "an old note" in page.text


def test_the_notes_stay_plain_sentences_that_an_older_runknee_reads(
    api: Runknee, store: AssessmentStore
) -> None:
    activity_id = _cut_short(api)
    query = "SELECT import_notes, import_notes_i18n FROM diary_activities WHERE id = :id"
    with store.engine.connect() as connection:
        notes, messages = connection.execute(text(query), {"id": activity_id}).one()
    notes, messages = (json.loads(v) if isinstance(v, str) else v for v in (notes, messages))
    assert CUT_SHORT in notes and all(isinstance(note, str) for note in notes)
    assert len(messages) == len(notes)
    assert any(message and message["text"] == CUT_SHORT for message in messages)
    downgrade(store.engine, "0009")  # the revision before the messages' column
    with store.engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM diary_activities")).keys()
        (kept,) = connection.execute(text("SELECT import_notes FROM diary_activities")).one()
    assert "import_notes_i18n" not in columns
    assert (json.loads(kept) if isinstance(kept, str) else kept) == notes


def test_the_terminal_shows_why_a_file_was_not_imported(tmp_path: Path) -> None:
    (tmp_path / "notes.fit").write_bytes(b"hello")
    (tmp_path / "broken.zip").write_bytes(b"PK not a zip")
    paths = [str(tmp_path / name) for name in ("notes.fit", "broken.zip")]
    with translation.pseudo(tmp_path / "locale"):
        shown = CliRunner().invoke(app, ["diary", "import", *paths], env={"COLUMNS": "300"})
        as_json = CliRunner().invoke(app, ["diary", "import", "--json", *paths])
    assert shown.exit_code == 1  # nothing imported
    assert f"notes.fit: {MARK}not a FIT, GPX or TCX activity file" in shown.output
    assert f"broken.zip: {MARK}not a readable zip archive (" in shown.output
    assert "not a FIT, GPX or TCX activity file" in as_json.output  # JSON: the English
    assert MARK not in as_json.output.split('"reason_i18n"')[0]


def test_notes_and_their_messages_go_in_step() -> None:
    from pydantic import ValidationError

    from runknee.diary.models import Activity

    start = {"sport": "running", "start_utc": "2026-03-20T08:00:00Z", "duration_s": 60}
    with pytest.raises(ValidationError, match="one per import note"):
        Activity.model_validate(
            {**start, "source_format": "fit", "import_notes": [], "import_notes_i18n": [None]}
        )


def test_the_import_page_says_why_a_file_was_not_imported(
    app_client: TestClient, tmp_path: Path
) -> None:
    with translation.pseudo(tmp_path):
        form = app_client.get("/diary/import", headers={"accept": "text/html"}).text
        token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = app_client.post(
            "/diary/import",
            data={"csrf_token": token},
            files={"upload": ("notes.fit", b"hello", "application/octet-stream")},
            headers={"accept": "text/html"},
        )
    assert response.status_code == 200, response.text
    assert f"notes.fit: {MARK}not a FIT, GPX or TCX activity file" in response.text
