"""The PDF summary: a real PDF, urgency first, with the disclaimer, version and sources."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from runknee import __version__
from runknee.api import Runknee
from runknee.export.pdf import build_pdf, latin1
from runknee.export.summary import cited_sources, short_citation
from runknee.knowledge.loader import default_knowledge_base


def pdf_text(data: bytes, tmp_path: Path, poppler: bool = True) -> str:
    """The text of a PDF: by pdftotext (poppler-utils) when installed, else from the streams.

    The fallback reads the literal strings of the ``Tj`` operators that fpdf2 writes with the
    standard fonts; it is enough to check which words are on the page and in what order.
    """
    if poppler and shutil.which("pdftotext"):
        path = tmp_path / "summary.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True
        )
        return " ".join(done.stdout.decode("latin-1").split())
    parts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            stream = zlib.decompress(match.group(1))
        except zlib.error:
            stream = match.group(1)
        for text in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream):
            parts.append(re.sub(rb"\\(.)", rb"\1", text).decode("latin-1"))
    return " ".join(" ".join(parts).split())


def _pdf(runknee: Runknee, assessed: Any, generated_at: datetime, **options: Any) -> bytes:
    options.setdefault("plan", assessed.plan)
    return build_pdf(
        default_knowledge_base(),
        assessed.result,
        generated_at=generated_at,
        app_version=__version__,
        **options,
    )


def test_the_summary_is_a_pdf_with_urgency_first(
    runknee: Runknee, kneecap: Any, generated_at: datetime, tmp_path: Path
) -> None:
    data = _pdf(runknee, kneecap, generated_at)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    label = kneecap.result.urgency_advice.label
    assert label in text
    leading = kneecap.result.conditions[0]
    assert text.index(label) < text.index("What it is likely to be") < text.index(leading.name)
    assert "about 10 in 10" in text or "in 10" in text
    assert kneecap.plan.headline in text
    assert "Disclaimer" not in text  # the disclaimer is shown in words, not as a label
    assert " ".join(kneecap.result.disclaimer.split()[:8]) in text
    assert kneecap.result.knowledge_version in text
    assert "Sources" in text


def test_the_label_is_found_without_poppler_too(
    runknee: Runknee, hot_knee: Any, generated_at: datetime, tmp_path: Path
) -> None:
    text = pdf_text(_pdf(runknee, hot_knee, generated_at), tmp_path, poppler=False)
    assert hot_knee.result.urgency_advice.label in text


def test_red_flags_and_the_emergency_label_are_printed(
    runknee: Runknee, hot_knee: Any, generated_at: datetime, tmp_path: Path
) -> None:
    text = pdf_text(_pdf(runknee, hot_knee, generated_at), tmp_path)
    assert "Go to an emergency department today" in text
    for rule in hot_knee.result.red_flags:
        assert rule.name in text


def test_every_cited_source_is_listed(
    runknee: Runknee, kneecap: Any, generated_at: datetime, tmp_path: Path
) -> None:
    text = pdf_text(_pdf(runknee, kneecap, generated_at), tmp_path)
    sources = cited_sources(default_knowledge_base(), kneecap.result, kneecap.plan)
    assert sources
    for source in sources:  # as short citations ("Stiell et al. (1996)")
        assert " ".join(latin1(short_citation(source)).split()) in text


def test_without_a_plan_the_page_has_the_self_care_text(
    runknee: Runknee, kneecap: Any, generated_at: datetime, tmp_path: Path
) -> None:
    text = pdf_text(_pdf(runknee, kneecap, generated_at, plan=None), tmp_path)
    assert "Self-care" in text and "Your plan" not in text


def test_the_pdf_is_reproducible(runknee: Runknee, kneecap: Any, generated_at: datetime) -> None:
    assert _pdf(runknee, kneecap, generated_at) == _pdf(runknee, kneecap, generated_at)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("it\u2019s \u201cok\u201d \u2013 fine", 'it\'s "ok" - fine'),
        ("\u2265 5", ">= 5"),
        ("\u2603", "?"),
    ],
)
def test_text_is_reduced_to_the_standard_fonts_character_set(given: str, expected: str) -> None:
    assert latin1(given) == expected


def test_a_saved_assessment_prints(api: Runknee, tmp_path: Path) -> None:
    saved = api.save_assessment({"age_years": 30, "findings": {"pain_outer_side": "present"}})
    data = api.summary_pdf_for(saved.id)
    assert data.startswith(b"%PDF")
    assert saved.result.urgency_advice.label in pdf_text(data, tmp_path)
