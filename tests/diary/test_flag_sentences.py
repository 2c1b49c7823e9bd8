"""The diary's flags are whole sentences from the knowledge base with placeholders: a
translation of ``diary.yaml`` changes every word of a flag, and its numbers are formatted by the
sentence (``{usual:g}``), not before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runknee.diary.flags import next_morning, see_someone
from runknee.knowledge.diary_models import DiaryFlagRule
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.translation import translate_model

MARK = "»"
DAY = date(2026, 3, 20)


@dataclass(frozen=True)
class Entry:
    """A pain entry with only what the flags read."""

    entry_date: date = DAY
    during_0_10: int | None = None
    after_0_10: int | None = None
    next_morning_0_10: int | None = None
    swelling: bool = False
    rest_day_pain: bool = False
    night_pain: bool = False
    morning_stiffness_min: int | None = None


def _rule(flag_id: str) -> DiaryFlagRule:
    diary = default_knowledge_base().diary
    assert diary is not None
    return next(r for r in diary.flags if r.id == flag_id)


def _pseudo(rule: DiaryFlagRule) -> DiaryFlagRule:
    return translate_model(rule, lambda text: MARK + text)


def test_each_sign_is_a_whole_translated_sentence() -> None:
    entry = Entry(night_pain=True, swelling=True, morning_stiffness_min=45)
    (flag,) = see_someone(_pseudo(_rule("see_someone")), [entry], DAY)
    assert flag.message.startswith(
        f"{MARK}You noted pain at night on 2026-03-20. {MARK}You noted swelling on 2026-03-20. "
        f"{MARK}You noted morning stiffness of 45 minutes on 2026-03-20. {MARK}Knee pain on days"
    )
    assert "rest day" not in flag.message


def test_one_sign_reads_as_before() -> None:
    (flag,) = see_someone(_rule("see_someone"), [Entry(rest_day_pain=True)], DAY)
    assert flag.message.startswith(
        "You noted pain on a rest day on 2026-03-20. Knee pain on days you do not run, at night,"
    )


def test_the_sentence_formats_its_numbers() -> None:
    earlier = Entry(entry_date=date(2026, 3, 19), next_morning_0_10=1)
    sore = Entry(next_morning_0_10=4)
    (english,) = next_morning(_rule("next_morning_above_usual"), [earlier, sore], DAY)
    assert "(usually 1/10)" in english.message
    rule = translate_model(_rule("next_morning_above_usual"), lambda t: t.replace(":g}", ":.1f}"))
    (translated,) = next_morning(rule, [earlier, sore], DAY)
    assert "(usually 1.0/10)" in translated.message
