"""The emergency box during the interview gives only advice at its own level (issue 7, item 7)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from runknee.api import Runknee
from runknee.web import views
from runknee.web.pages import TEMPLATES

# A sore calf (a less urgent rule) with breathlessness (ambulance): the box gives only the
# ambulance advice.
CLOT_IN_LUNG = {
    "age_years": 50,
    "findings": {
        "calf_pain": "present",
        "calf_soreness_both_after_hard_run": "absent",
        "breathless_or_chest_pain": "present",
    },
}


def test_ambulance_box_does_not_repeat_a_less_urgent_rules_advice() -> None:
    api = Runknee()
    case = api.case(CLOT_IN_LUNG)
    result = api.assess(case)
    assert result.urgency.value == "emergency_ambulance"
    lower = [rule for rule in result.red_flags if rule.urgency is not result.urgency]
    assert lower, "the case must also fire a less urgent rule"
    macro = TEMPLATES.get_template("_macros.html").module.emergency_box  # type: ignore[attr-defined]
    html = str(macro(result, views.flag_views(api, case, result.red_flags), "draft", "token"))
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Call an ambulance now" in text
    for rule in lower:
        assert rule.advice[:40] not in text
