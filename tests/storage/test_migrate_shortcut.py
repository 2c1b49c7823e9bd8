"""Opening a database already at the newest schema skips Alembic; any other is migrated."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from runknee.storage import AssessmentStore, migrate
from runknee.storage.database import alembic_config, downgrade, head_revision


def _stored(store: AssessmentStore) -> list[str]:
    with store.engine.connect() as connection:
        return [
            row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))
        ]


def test_the_head_read_from_the_scripts_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [head_revision()]


def test_an_older_database_is_still_migrated_to_the_head(any_store: AssessmentStore) -> None:
    downgrade(any_store.engine, "0002")
    assert _stored(any_store) == ["0002"]
    assert "interview_drafts" not in inspect(any_store.engine).get_table_names()
    migrate(any_store.engine)
    assert _stored(any_store) == [head_revision()]
    assert "interview_drafts" in inspect(any_store.engine).get_table_names()


def test_a_database_without_a_version_table_is_migrated(any_store: AssessmentStore) -> None:
    downgrade(any_store.engine, "base")
    with any_store.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    migrate(any_store.engine)
    assert _stored(any_store) == [head_revision()]
    assert any_store.list() == []
