"""The pages read their sentences from the catalogue: a compiled translation of every sentence
in ``runknee.pot`` changes them, so what ``make messages`` extracts is what the pages ask for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from runknee.api import ManualRun, Runknee, Shoe
from runknee.engine.assess import assess
from runknee.engine.case import parse_case
from runknee.knowledge.form_models import load_evidence
from runknee.knowledge.loader import default_knowledge_base
from tests import translation
from tests.example_cases import FALL_WITH_TENDER_KNEECAP, KNEECAP
from tests.plan_helpers import plan_with_sessions
from tests.web.interview_helpers import field, post_answer, start
from tests.web.page_helpers import find, soup

MARK = translation.MARK
ENGLISH = default_knowledge_base()  # the base as written (the facade translates a copy)


@pytest.fixture
def pseudo_language(tmp_path: Path) -> Iterator[None]:
    """Every sentence of the catalogue "translated" as itself behind a mark, made active."""
    with translation.pseudo(tmp_path):
        yield


@pytest.mark.usefixtures("pseudo_language")
def test_the_home_page_reads_every_sentence_from_the_catalogue(client: TestClient) -> None:
    page = soup(client.get("/"))
    assert find(page, "h1").get_text().startswith(MARK + "Knee pain from running?")
    # A sentence over several template lines is one trimmed msgid, found as such.
    assert find(page, "p", class_="lead").get_text().startswith(MARK + "Answer a few questions")
    assert find(page, "button").get_text() == MARK + "Start the questions"  # a macro argument
    assert find(page, "nav")["aria-label"] == MARK + "Main"
    assert find(page, "footer").get_text(" ", strip=True).startswith(MARK + "runknee is for")


@pytest.mark.usefixtures("pseudo_language")
def test_plural_sentences_and_page_code_are_translated(client: TestClient) -> None:
    counts = find(soup(client.get("/data")), "ul", class_="data-counts").get_text()
    assert counts.count(MARK) == 6  # five counts ("0 saved assessments", ...) and the draft days
    missing = soup(client.get("/conditions/no-such-condition"))
    assert find(missing, "h1").get_text() == MARK + "Condition not found"  # from pages.py


def test_one_run_reads_in_the_singular(client: TestClient, api: Runknee) -> None:
    shoe = api.diary.add_shoe(Shoe(name="Road shoes"))
    run = ManualRun(run_date=date(2025, 2, 20), distance_m=5000, duration_s=1800, shoe_id=shoe.id)
    api.diary.add_run(run)
    text = soup(client.get(f"/diary/shoes/{shoe.id}/delete")).get_text(" ", strip=True)
    assert "The shoes “Road shoes” will be deleted." in text
    assert "The 1 run that wore them stays in the diary, without shoes." in text


@pytest.mark.usefixtures("pseudo_language")
def test_the_cores_marked_headings_are_translated_on_the_result_page(
    client: TestClient, api: Runknee
) -> None:
    saved = api.save_assessment(KNEECAP)
    headings = [h.get_text() for h in soup(client.get(f"/assessments/{saved.id}")).find_all("h2")]
    assert MARK + "Warning signs not checked" in headings  # engine/advice.py, marked with N_


@pytest.mark.usefixtures("pseudo_language")
def test_a_runs_coded_values_read_in_the_active_language(client: TestClient, api: Runknee) -> None:
    run = {"run_date": "2025-02-20", "distance_m": 5000.0, "duration_s": 1800.0}
    details = {"sport": "cycling", "surface": "road", "session_type": "long"}
    api.diary.add_run(ManualRun.model_validate({**run, **details}))
    page = soup(client.get("/diary/runs"))
    cells = [cell.get_text(" ", strip=True) for cell in page.find_all("td")]
    assert MARK + "cycling" in cells
    assert MARK + "road " + MARK + "long" in cells
    option = page.find("option", value="treadmill")
    assert option is not None and option.get_text() == MARK + "treadmill"  # the code stays


@pytest.mark.usefixtures("pseudo_language")
def test_a_stored_plan_reason_is_translated_when_shown(client: TestClient, api: Runknee) -> None:
    _saved, plan_id = plan_with_sessions(api, KNEECAP, [(8, 8)])
    reason = api.plan_overview(plan_id).sessions[0].progress.reason
    assert not reason.startswith(MARK)  # stored in English...
    assert (
        MARK + reason in soup(client.get(f"/plans/{plan_id}/full")).get_text()
    )  # ...shown translated


@pytest.mark.usefixtures("pseudo_language")
def test_the_interview_asks_the_basic_questions_in_the_active_language(
    client: TestClient, api: Runknee
) -> None:
    page = soup(start(client))
    assert find(page, "label", attrs={"for": "age"}).get_text() == MARK + "How old are you?"
    saved = api.save_assessment(KNEECAP)
    answers = soup(client.get(f"/assessments/{saved.id}")).get_text()
    assert MARK + "How old are you?" in answers
    assert MARK + "Female" in answers


@pytest.mark.usefixtures("pseudo_language")
def test_the_knowledge_bases_question_reads_in_the_active_language(client: TestClient) -> None:
    response = start(client)
    for question, choice in (
        ("age_years", {"choice": "age", "age": "30"}),
        ("sex", {"choice": "female"}),
    ):
        assert field(soup(response), "q") == question
        response = client.get(post_answer(client, response, question, **choice).headers["location"])
    page = soup(response)
    finding = ENGLISH.findings[field(page, "q")]
    asked = {MARK + finding.question, MARK + (finding.question_positive or finding.question)}
    assert find(page, "legend").get_text(strip=True) in asked  # findings.yaml's words
    labels = [button.get_text(strip=True) for button in page.select("#choices button")]
    assert labels == [MARK + "Yes", MARK + "No", MARK + "I don\u2019t know"]


@pytest.mark.usefixtures("pseudo_language")
def test_a_result_names_the_condition_and_the_warning_sign_in_the_active_language(
    client: TestClient, api: Runknee
) -> None:
    english = assess(ENGLISH, parse_case(FALL_WITH_TENDER_KNEECAP, ENGLISH.finding_ids))
    saved = api.save_assessment(FALL_WITH_TENDER_KNEECAP)  # in the active language
    page = soup(client.get(f"/assessments/{saved.id}"))
    urgency = find(page, "section", class_="alert").get_text(" ", strip=True)
    assert MARK + english.urgency_advice.label in urgency  # urgency.yaml
    assert MARK + english.red_flags[0].name in urgency  # red_flags.yaml, in the reason
    flags = [h.get_text(strip=True) for h in page.select(".flag h3")]
    assert MARK + english.red_flags[0].name in flags
    names = [h.get_text(strip=True) for h in page.select(".condition-card h3")]
    assert names[0] == MARK + english.conditions[0].name  # the condition's lay name


@pytest.mark.usefixtures("pseudo_language")
def test_the_conditions_page_lists_translated_names(client: TestClient) -> None:
    names = [a.get_text() for a in soup(client.get("/conditions")).select("h2 a")]
    english = {condition.lay_name for condition in ENGLISH.conditions.values()}
    assert {name.removeprefix(MARK) for name in names} == english
    assert all(name.startswith(MARK) for name in names)


@pytest.mark.usefixtures("pseudo_language")
def test_an_exercise_drawing_describes_itself_in_one_translated_sentence(
    client: TestClient,
) -> None:
    exercise = ENGLISH.exercises["wall_sit"]
    svg = client.get("/exercises/wall_sit.svg").text
    assert exercise.pose is not None
    positions = (MARK + ", then ").join(MARK + p.label for p in exercise.pose.positions)
    name = MARK + exercise.name
    assert f'<desc id="wall_sit-desc">{MARK}Stick figure showing {name}: {positions}.</desc>' in svg


@pytest.mark.usefixtures("pseudo_language")
def test_a_self_check_figure_shows_its_words_in_the_active_language(client: TestClient) -> None:
    svg = client.get("/figures/hop_test.svg").text
    assert f'<title id="title">{MARK}Small hops on the sore leg' in svg
    # A label over four lines is one sentence; its translation is drawn line by line.
    assert f'<text x="140" y="48">{MARK}Do not try if</text>' in svg
    assert '<text x="140" y="64">walking hurts,</text>' in svg


@pytest.mark.usefixtures("pseudo_language")
def test_a_form_report_shows_the_evidence_files_words_in_the_active_language(
    client: TestClient, api: Runknee
) -> None:
    from tests.form.form_synthetic import synthetic_report

    saved = api.form.save(synthetic_report(150.0), "treadmill.mp4")  # stored in English
    page = soup(client.get(f"/form/{saved.id}"))
    evidence = load_evidence()
    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    cadence = next(row for row in rows if evidence.metric("cadence_spm").label in row)
    assert cadence.startswith(MARK + MARK + evidence.metric("cadence_spm").label)  # "»»Step rate"
    assert MARK + evidence.metric("cadence_spm").evidence in cadence  # metrics.yaml's words
    cues = [h.get_text() for h in page.select("h3")]
    assert any(
        cue.startswith(MARK) and cue.removeprefix(MARK) in [c.text for c in evidence.cues]
        for cue in cues
    )
