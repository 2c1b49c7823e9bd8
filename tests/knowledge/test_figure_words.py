"""A self-check figure's words: whole sentences (a label over several lines is one), drawn in
the language of the translation, the figure unchanged in English."""

from __future__ import annotations

from runknee.knowledge.figures import figure_svg, figure_words, translated_figure


def test_a_label_over_several_lines_is_one_sentence() -> None:
    words = [(w.kind, w.text) for w in figure_words(figure_svg("fibular_head"))]
    assert ("label", "outer side,\nbelow the joint") in words
    assert ("label", "kneecap") in words  # elsewhere in the drawing: its own label
    steps = [w.text for w in figure_words(figure_svg("four_steps"))]
    assert "1" not in steps  # a step number is not a word
    separate = [w.text for w in figure_words(figure_svg("bend_right_angle")) if w.kind == "label"]
    assert separate == ["right angle", "shin upright"]  # far apart: two labels


def test_a_translation_takes_its_own_number_of_lines() -> None:
    svg = figure_svg("straight_leg_raise")
    assert translated_figure(svg, lambda text: text) == svg
    lines = {
        "keep the knee straight\nand lift a hand's width": "Bein gestreckt\nheben\num eine Hand"
    }
    drawn = translated_figure(svg, lambda text: lines.get(text, text))
    start = '<text x="120" y="{}" font-family="sans-serif" font-size="13" fill="#b91c1c"'
    for y, line in ((36, "Bein gestreckt"), (54, "heben"), (72, "um eine Hand")):
        assert start.format(y) + f' text-anchor="middle">{line}</text>' in drawn
    assert "and lift a hand" not in drawn
