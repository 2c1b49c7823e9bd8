"""Chances in words agree with the percentage shown, at every boundary (issue 12)."""

from __future__ import annotations

import pytest

from runknee.engine.result import chance_percent
from runknee.vocabulary import chance_words, percent_text


@pytest.mark.parametrize(
    ("probability", "shown", "words"),
    [
        (0.0, "under 1%", "less than 1 in 20"),
        (0.0099, "under 1%", "less than 1 in 20"),
        (0.01, "1%", "less than 1 in 20"),
        (0.0499, "4%", "less than 1 in 20"),
        (0.05, "5%", "about 1 in 20"),
        (0.0749, "7%", "about 1 in 20"),
        (0.075, "8%", "about 1 in 10"),
        (0.099, "10%", "about 1 in 10"),
        (0.1449, "14%", "about 1 in 10"),
        (0.145, "15%", "about 2 in 10"),
        (0.2449, "24%", "about 2 in 10"),
        (0.245, "25%", "about 3 in 10"),
        (0.31, "31%", "about 3 in 10"),
        (0.5, "50%", "about 5 in 10"),
        (0.8449, "84%", "about 8 in 10"),
        (0.845, "85%", "about 9 in 10"),
        (0.9449, "94%", "about 9 in 10"),
        (0.945, "95%", "more than 9 in 10"),
        (1.0, "100%", "more than 9 in 10"),
    ],
)
def test_words_match_the_percentage(probability: float, shown: str, words: str) -> None:
    assert percent_text(probability) == shown
    assert chance_words(probability) == words


def test_every_percentage_has_one_reading() -> None:
    """Across every shown percentage the words never contradict it."""
    for tenth_of_percent in range(1001):
        p = tenth_of_percent / 1000
        value = chance_percent(p)
        words = chance_words(p)
        if value < 5:
            assert words == "less than 1 in 20"
        elif words.startswith("about") and words.endswith("in 10"):
            in_ten = int(words.split()[1])
            assert abs(value - in_ten * 10) <= 5
        elif words == "about 1 in 20":
            assert 5 <= value <= 7
        else:
            assert words == "more than 9 in 10" and value >= 95


def test_cli_and_web_use_the_same_functions() -> None:
    from rich.console import Console

    from runknee.api import Runknee
    from runknee.cli import render
    from runknee.web import views

    assert views.chance_words is chance_words
    assert views.percent(0.0499) == percent_text(0.0499)
    # the terminal prints each condition's chance with the same two functions
    result = Runknee().assess({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})
    console = Console(record=True, width=200)
    render.render_result(console, result)
    printed = console.export_text()
    for condition in result.conditions:
        assert percent_text(condition.probability) in printed
        assert chance_words(condition.probability) in printed
