"""The emergency box during the interview gives only advice at its own level (issue 7, item 7)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from runknee.api import Runknee
from runknee.web import views
from runknee.web.pages import TEMPLATES

# A sore calf (emergency) with breathlessness (ambulance): the box must not say "get seen today".
CLOT_IN_LUNG = {
    "age_years": 50,
    "findings": {"calf_pain": "present", "breathless_or_chest_pain": "present"},
}


def test_ambulance_box_does_not_repeat_a_less_urgent_rules_advice() -> None:
    api = Runknee()
    case = api.case(CLOT_IN_LUNG)
    result = api.assess(case)
    assert result.urgency.value == "emergency_ambulance"
    levels = {rule.id: rule.urgency.value for rule in result.red_flags}
    assert levels["suspected_blood_clot"] == "emergency"
    macro = TEMPLATES.get_template("_macros.html").module.emergency_box  # type: ignore[attr-defined]
    html = str(macro(result, views.flag_views(api, case, result.red_flags), "draft", "token"))
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Call an ambulance now" in text
    assert "Get seen today" not in text
