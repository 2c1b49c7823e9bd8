"""Helpers for the browser tests: answer an interview from a target case, run axe, screenshot."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from runknee.knowledge.loader import default_knowledge_base

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"

ANSWER_LABELS = {"present": "Yes", "absent": "No", "unknown": "I don\u2019t know"}
POSITIVE = {f.id for f in default_knowledge_base().findings.values() if f.question_positive}

# Target cases: the interview is answered from these ("I don't know" where they are silent).


def shot(page: Any, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/browser/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def current_question(page: Any) -> str | None:
    """The id of the question on screen, or None on a page without one."""
    field = page.locator("input[name=q]")
    return field.get_attribute("value") if field.count() else None


def answer(page: Any, target: dict[str, Any], question: str) -> None:
    """Answer the question on screen from the target case by clicking (or typing the age)."""
    if question == "age_years":
        if target.get("age_years") is None:
            page.get_by_role("button", name="Prefer not to say").click()
        else:
            page.get_by_label("How old are you?").fill(str(target["age_years"]))
            page.get_by_role("button", name="Continue").click()
    elif question == "sex":
        label = {"female": "Female", "male": "Male"}.get(target.get("sex") or "")
        page.get_by_role("button", name=label or "Prefer not to say", exact=True).click()
    else:
        state = target["findings"].get(question, "unknown")
        if question in POSITIVE:  # asked without the negative: "yes" means absent
            state = {"present": "absent", "absent": "present"}.get(state, state)
        page.get_by_role("button", name=ANSWER_LABELS[state], exact=True).click()
    page.wait_for_load_state()


DRAFT_URL = re.compile(r"/interview/[0-9a-f]{32}$")


def start_interview(page: Any) -> str:
    """Press 'Start the questions' on the home page; return the new draft's address."""
    page.goto("/")
    page.get_by_role("button", name="Start the questions").click()
    page.wait_for_url(DRAFT_URL)
    return str(page.url)


def run_interview(page: Any, target: dict[str, Any], stop: str | None = None) -> list[str]:
    """From the home page, answer until the 'all the questions' page (or question ``stop``).

    Returns the question ids in the order they were asked.
    """
    start_interview(page)
    asked: list[str] = []
    for _ in range(60):
        question = current_question(page)
        if question is None or question == stop:
            return asked
        asked.append(question)
        answer(page, target, question)
        assert DRAFT_URL.search(page.url), f"answers must not travel in the address: {page.url}"
    raise AssertionError("the interview did not finish within 60 questions")


def see_result(page: Any) -> str:
    """Press 'See my result' (or 'See the full result now') and return the result's id."""
    page.get_by_role("button", name=re.compile("See (my|the full) result")).first.click()
    page.wait_for_url(re.compile(r"/assessments/[0-9a-f]{32}$"))
    return str(page.url.rsplit("/", 1)[1])


def axe_violations(page: Any, axe_path: Path) -> list[dict[str, Any]]:
    """Run axe-core (every rule, WCAG 2.2 AA and best practice) in the page.

    Returns its violations (id, impact, help, target nodes); fails if axe checked nothing.
    """
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {passes: r.passes.length, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))};
        }"""
    )
    assert result["passes"] > 0, "axe-core did not run its checks"
    return list(result["violations"])


def axe_scan(
    page: Any, axe_path: Path, pages: list[tuple[str, str]], screenshot: set[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Run axe on every (name, url) at 360 and 1280 px; return violations by "name@width".

    The first few <details> are opened so that their content is checked too. Pages named in
    ``screenshot`` are saved at both widths.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in pages:
            page.goto(url)
            for details in page.locator("details").all()[:3]:
                details.evaluate("element => element.open = true")
            violations = axe_violations(page, axe_path)
            if violations:
                found[f"{name}@{width}"] = violations
            if screenshot is None or name in screenshot:
                shot(page, f"page-{name}-{width}")
    return found
