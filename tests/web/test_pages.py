"""Server-rendered pages, in-process: home, interview, result, conditions, sources, errors."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from runknee.api import Runknee
from tests.example_cases import CONSULTATION, EMERGENCY, SELF_CARE
from tests.web.interview_helpers import draft_id, field, finish, interview, post_answer, start
from tests.web.page_helpers import attr, find, select, soup

# --- Every page --------------------------------------------------------------------------------


def test_every_page_type_is_accessible_html_without_inline_code(
    client: TestClient, api: Runknee
) -> None:
    """lang, title, skip link, one h1, labelled nav; no inline styles/scripts or outside URLs."""
    response, _ = interview(client, SELF_CARE)
    result = finish(client, response)
    first = start(client)
    draft = draft_id(first)
    post_answer(client, first, "age_years", choice="age", age="30")
    paths = [
        "/",
        f"/interview/{draft}",
        "/conditions",
        "/conditions/patellofemoral_pain",
        "/sources",
        str(result.url.path),
        f"{result.url.path}/print",
        f"/interview/{draft}/change?q=age_years",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]
        page = soup(response)
        assert page.html is not None and page.html["lang"] == "en"
        assert page.title is not None and page.title.text.strip().endswith("runknee")
        assert attr(find(page, "a", class_="skip-link"), "href") == "#main"
        assert page.find("main", id="main") is not None
        assert len(page.find_all("h1")) == 1, path
        assert page.find(style=True) is None, path
        assert page.find("style") is None, path
        for script in page.find_all("script"):
            assert attr(script, "src").startswith("/static/"), path
            assert not script.text.strip()
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for item in page.find_all(tag):
                assert attr(item, attribute).startswith("/"), (path, item)
        for form in page.find_all("form", method="post"):
            assert form.find("input", attrs={"name": "csrf_token"}) is not None, path


def test_static_assets_are_served(client: TestClient) -> None:
    """CSS, print CSS, JS and the icon come from the app itself."""
    for path, kind in (
        ("/static/site.css", "text/css"),
        ("/static/print.css", "text/css"),
        ("/static/site.js", "javascript"),
        ("/static/icon.svg", "image/svg+xml"),
    ):
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]
    css = client.get("/static/site.css").text + client.get("/static/print.css").text
    assert "http" not in css and "@import" not in css


# --- Home --------------------------------------------------------------------------------------


def test_home_says_what_it_does_and_lists_past_assessments(client: TestClient) -> None:
    """The promise, the limits, the start link and (after one interview) a past result."""
    page = soup(client.get("/"))
    text = page.get_text(" ")
    assert "does not diagnose" in text and "offline" in text.lower()
    assert "None yet" in text
    form = find(page, "form", action="/interview")
    assert form["method"] == "post" and form.find("input", attrs={"name": "csrf_token"})
    assert find(form, "button").get_text(strip=True) == "Start the questions"
    response, _ = interview(client, SELF_CARE)
    result = finish(client, response)
    page = soup(client.get("/"))
    link = page.select_one(".past-list a")
    assert link is not None and link["href"] == result.url.path
    assert "Look after it yourself" in link.get_text()


# --- Interview ---------------------------------------------------------------------------------


def test_first_question_is_age_with_a_labelled_field_and_prefer_not_to_say(
    client: TestClient,
) -> None:
    """Age: a labelled number field, Continue and 'Prefer not to say'; progress and 'why'."""
    page = soup(start(client))
    assert field(page, "q") == "age_years"
    age = find(page, "input", id="age")
    assert age["type"] == "number" and page.find("label", attrs={"for": "age"}) is not None
    buttons = [b.get_text(strip=True) for b in page.select(".choices button")]
    assert buttons == ["Continue", "Prefer not to say"]
    assert "Question 1" in select(page, ".progress-text").get_text()
    why = find(page, "details", class_="why")
    assert find(why, "summary").get_text(strip=True) == "Why am I asked this?"
    assert "Age and sex" in why.get_text()


def test_finding_questions_offer_yes_no_and_dont_know(client: TestClient) -> None:
    """Every finding question has the three answers and the engine's reason."""
    response, asked = interview(client, SELF_CARE, stop="calf_pain")
    page = soup(response)
    assert asked == ["age_years", "sex", "injury_event"]
    labels = [b.get_text(strip=True) for b in page.select(".choices button")]
    assert labels == ["Yes", "No", "I don\u2019t know"]
    assert "Warning signs" in select(page, ".progress-text").get_text()
    assert "Checking a warning sign" in find(page, "details", class_="why").get_text()


def test_declining_age_and_sex_is_saved_as_declined(client: TestClient, api: Runknee) -> None:
    """'Prefer not to say' puts the field in case.declined."""
    target = {**SELF_CARE, "age_years": None, "sex": None}
    response, asked = interview(client, target)
    assert asked[:2] == ["age_years", "sex"]
    result = finish(client, response)
    stored = api.get_assessment(result.url.path.rsplit("/", 1)[1])
    assert stored.case.declined == ["age_years", "sex"]
    assert stored.case.age_years is None


def test_invalid_age_shows_an_error_not_a_crash(client: TestClient) -> None:
    """An out-of-range age re-renders the question with an error summary (422)."""
    response = post_answer(client, start(client), "age_years", choice="age", age="3")
    assert response.status_code == 422
    page = soup(response)
    assert page.find(class_="error-summary") is not None
    assert find(page, "input", id="age")["aria-invalid"] == "true"
    assert find(page, "title").text.startswith("Error:")


def test_bad_input_keeps_every_earlier_answer(client: TestClient) -> None:
    """A bad answer to a later question is refused (422) and loses nothing already given."""
    first = start(client)
    draft = draft_id(first)
    post_answer(client, first, "age_years", choice="age", age="30")
    sex = client.get(f"/interview/{draft}")
    refused = post_answer(client, sex, "sex", choice="other")
    assert refused.status_code == 422
    assert "Choose female, male" in select(soup(refused), ".error-summary").get_text()
    again = soup(client.get(f"/interview/{draft}"))
    assert field(again, "q") == "sex"
    assert "30 years" in select(again, ".answers").get_text()


def test_back_and_change_an_answer(client: TestClient) -> None:
    """Back goes to the last answer; changing injury from no to yes asks the injury questions."""
    response, asked = interview(client, SELF_CARE, stop="sudden_onset")
    page = soup(response)
    back = find(page, "a", class_="back-link")
    assert back["href"] == f"/interview/{draft_id(response)}/change?q=calf_pain"
    changing_response = client.get(attr(find(page, "a", href=re.compile("q=injury_event")), "href"))
    changing = soup(changing_response)
    assert field(changing, "q") == "injury_event"
    assert "Your answer: No" in find(changing, class_="current").get_text(" ", strip=True)
    assert "is-current" in find(changing, "button", value="no")["class"]
    changed = post_answer(client, changing_response, "injury_event", choice="yes")
    page = soup(client.get(changed.headers["location"]))
    assert field(page, "q") not in asked  # a new, injury-related question
    rows = [dt.get_text(strip=True) for dt in page.select(".answers dt")]
    assert len(rows) == 3 and "injury" in rows[2]


def test_changed_answer_keeps_later_answers_that_still_apply(client: TestClient) -> None:
    """Changing age keeps every later answer and returns to the next new question."""
    response, asked = interview(client, SELF_CARE, stop="swelling")
    page = soup(response)
    change_response = client.get(attr(find(page, "a", href=re.compile("q=age_years")), "href"))
    change = soup(change_response)
    assert find(change, "input", id="age")["value"] == "24"
    posted = post_answer(client, change_response, "age_years", choice="age", age="25")
    after = soup(client.get(posted.headers["location"]))
    assert field(after, "q") == "swelling"
    assert len(after.select(".answers .answer-row")) == len(asked)


def test_emergency_answer_shows_what_to_do_first(client: TestClient, api: Runknee) -> None:
    """A fall with a tender kneecap (Ottawa) puts the emergency advice above the question."""
    response, asked = interview(client, EMERGENCY, stop=None)
    assert "tender_kneecap" in asked
    response, _ = interview(client, EMERGENCY, stop=asked[asked.index("tender_kneecap") + 1])
    page = soup(response)
    first = find(find(page, "main"), ["section", "h1", "form", "div"])
    assert "alert-emergency" in first["class"]
    assert find(page, "h1").get_text(strip=True) == "Go to an emergency department today"
    assert "Ottawa" in first.get_text()
    result = finish(client, response)
    page = soup(result)
    assert "alert-emergency" in find(page, "section")["class"]
    assert "Ottawa" in select(page, ".flag-list").get_text()


def test_self_care_result_reads_plainly(client: TestClient) -> None:
    """Urgency first, chances in words with a bar, reasons as questions, sources linked."""
    response, asked = interview(client, SELF_CARE)
    assert len(asked) <= 36
    page = soup(response)
    assert find(page, "h1").get_text(strip=True) == "That is all the questions"
    result = soup(finish(client, response))
    urgency = find(result, "section", class_="alert")
    assert "alert-self_care" in urgency["class"]
    assert find(urgency, "h2").get_text(strip=True) == "Look after it yourself for now"
    top = select(result, ".condition-card")
    assert "Pain around the kneecap" in find(top, "h3").get_text()
    assert re.search(r"about [6-9] in 10", select(top, ".chance").get_text())
    assert find(top, "svg", class_="bar")["aria-hidden"] == "true"
    assert "add up to 10 in 10" in select(result, ".note").get_text()
    assert "not a diagnosis" in select(result, ".note").get_text()
    reasons = find(top, "details", class_="reasons").get_text(" ")
    assert "Is the pain around or behind the kneecap?" in reasons
    assert "pain_front_kneecap" not in reasons
    assert top.find("a", href=re.compile(r"^/sources#")) is not None


def test_consultation_case_says_book_an_appointment(client: TestClient) -> None:
    """Pain for more than six weeks: a routine appointment, with the amber sign shown."""
    response, _ = interview(client, CONSULTATION)
    page = soup(finish(client, response))
    assert find(find(page, "section", class_="alert"), "h2").get_text(strip=True) == (
        "Book a routine appointment"
    )
    assert "six weeks" in select(page, ".flag-list").get_text()


def test_print_view_and_delete(client: TestClient) -> None:
    """The print view opens every detail; delete removes the assessment for good."""
    response, _ = interview(client, SELF_CARE)
    result = finish(client, response)
    path = result.url.path
    for url in (f"{path}/print", f"{path}?print=1"):
        page = soup(client.get(url))
        assert find(page, "body")["class"] == ["print-view"]
        assert all(d.has_attr("open") for d in page.select("details.reasons"))
        assert find(page, "link", media="print")["href"] == "/static/print.css"
    page = soup(result)
    delete = find(page, "form", action=f"{path}/delete")
    token = attr(find(delete, "input", attrs={"name": "csrf_token"}), "value")
    gone = client.post(f"{path}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/?deleted=1"
    assert "was deleted" in client.get("/?deleted=1").text
    assert client.get(path).status_code == 404


# --- Bad input ---------------------------------------------------------------------------------


def test_unknown_ids_give_html_404_pages(client: TestClient) -> None:
    """Unknown conditions, assessments and pages are friendly 404 pages."""
    for path in (
        "/conditions/nope",
        "/assessments/" + "0" * 32,
        "/interview/" + "0" * 32,
        "/no-such-page",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        page = soup(response)
        heading = page.h1.get_text(strip=True) if page.h1 else ""
        lead = page.find("p", class_="lead")
        assert heading and "500" not in heading and "error" not in heading.lower(), heading
        assert lead is not None and lead.get_text(strip=True), path  # says what is missing
        assert page.find("a", href="/") is not None  # and the way back home


# --- Conditions and sources --------------------------------------------------------------------


def test_every_condition_has_a_page_and_links_resolve(client: TestClient, api: Runknee) -> None:
    """The list links every condition; look-alikes and sources point at real pages and anchors."""
    listing = soup(client.get("/conditions"))
    links = {a["href"] for a in listing.select(".card-list h2 a")}
    assert links == {f"/conditions/{c.id}" for c in api.conditions()}
    anchors = {li["id"] for li in soup(client.get("/sources")).select(".bibliography li")}
    assert anchors == {s.id for s in api.sources()}
    for href in sorted(links):
        page = soup(client.get(href))
        for link in page.find_all("a", href=re.compile(r"^/conditions/")):
            assert link["href"] in links
        for link in page.find_all("a", href=re.compile(r"^/sources#")):
            assert attr(link, "href").split("#")[1] in anchors
        assert "Who to see" in page.get_text()


def test_sources_page_links_dois(client: TestClient, api: Runknee) -> None:
    """Every source with a DOI links to doi.org."""
    page = soup(client.get("/sources"))
    for source in api.sources():
        if source.doi:
            entry = find(page, "li", id=source.id)
            assert entry.find("a", href=f"https://doi.org/{source.doi}") is not None
