"""Benchmarks (``make bench``): assessment throughput, next-question latency, evaluation figures.

Run with ``python benchmarks/bench.py [--cases FILE]``. Timings use the wall clock of this process;
run on an otherwise idle machine and read the figures as orders of magnitude.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from runknee.api import Runknee
from runknee.engine.case import Case
from runknee.evaluation.harness import Figure, LabelledCase

DEFAULT_CASES = Path("tests/eval/dev_cases.jsonl")


def _cases(path: Path) -> list[Case]:
    lines = path.read_text("utf-8").splitlines()
    return [LabelledCase.model_validate(json.loads(line)).case for line in lines if line.strip()]


def bench_assess(api: Runknee, cases: list[Case], seconds: float = 3.0) -> float:
    """Cases assessed per second in one process (cases reused round-robin)."""
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for case in cases:
            api.assess(case)
        done += len(cases)
    return done / (time.perf_counter() - start)


def bench_next_question(api: Runknee, cases: list[Case], repeats: int = 20) -> dict[str, float]:
    """Latency (ms) of choosing the next question, over partial cases from the evaluation set."""
    partials = []
    for case in cases:
        answered = list(case.findings.items())
        for cut in (0, len(answered) // 2, len(answered)):
            # age and sex answered, so every partial reaches the screen or the differential
            partials.append(
                case.model_copy(
                    update={"findings": dict(answered[:cut]), "declined": ["age_years", "sex"]}
                )
            )
    timings = []
    for _ in range(repeats):
        for partial in partials:
            start = time.perf_counter()
            api.next_question(partial)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p99_ms": timings[int(len(timings) * 0.99) - 1],
        "max_ms": timings[-1],
    }


def bench_interview_page(repeats: int = 15) -> dict[int, float]:
    """Engine and storage milliseconds (median) of one web interview page, by answers given.

    A page reads the stored draft, assesses the answers so far and picks the next question
    from the same groundwork (what ``web/interview_pages.py`` does); its cost should not grow with the answers before it.
    The runner answers "no" to every finding, on a throwaway in-memory database.
    """
    from runknee.storage import AssessmentStore

    store = AssessmentStore.open("sqlite://")
    api = Runknee(store=store)
    draft_id = api.interviews.start().id
    costs: dict[int, float] = {}
    try:
        for answered in range(40):
            timings = []
            for _ in range(repeats):
                start = time.perf_counter()
                interview = api.interviews.get(draft_id)
                interview.assessment()
                question = interview.current().question
                timings.append((time.perf_counter() - start) * 1000)
            costs[answered] = statistics.median(timings)
            if question.should_stop or question.id is None:
                break
            raw = {"age_years": "34", "sex": "female"}.get(question.kind or "", "no")
            api.interviews.answer(draft_id, question.id, raw)
    finally:
        store.close()
    return costs


def main() -> None:
    """Print the benchmark figures as text and as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    args = parser.parse_args()
    api = Runknee()
    cases = _cases(args.cases)
    throughput = bench_assess(api, cases)
    latency = bench_next_question(api, cases)
    page_ms = bench_interview_page()
    report = api.evaluate(args.cases.read_text("utf-8").splitlines())
    names = (
        "top1",
        "top3",
        "urgency_exact",
        "urgency_safe",
        "over_triage",
        "emergency_recall",
        "self_care_kept",
    )
    figures: dict[str, object] = {
        "assess_cases_per_s": round(throughput),
        "next_question_median_ms": round(latency["median_ms"], 3),
        "next_question_p99_ms": round(latency["p99_ms"], 3),
        "whole_case": {n: _count(getattr(report, n)) for n in names},
        "under_triaged": report.under_triaged,
        "interview_page_ms_by_answers": {n: round(ms, 2) for n, ms in page_ms.items()},
    }
    print(f"assess throughput: {throughput:,.0f} cases/s (target >= 2,000)")
    print(
        f"next question: median {latency['median_ms']:.2f} ms, p99 {latency['p99_ms']:.2f} ms, "
        f"max {latency['max_ms']:.2f} ms (target <= 5 ms)"
    )
    # The screen's first questions are cheaper than the differential's, so compare two
    # stretches past the screen: answers 12-23 and 24 on.
    early = statistics.median(ms for n, ms in page_ms.items() if 12 <= n < 24)
    late = statistics.median(ms for n, ms in page_ms.items() if n >= 24)
    print(
        f"interview page (engine and storage): median {early:.2f} ms after 12-23 answers, "
        f"{late:.2f} ms after 24-{max(page_ms)} (ratio {late / early:.2f}; a page's cost "
        "should not grow with the answers before it)"
    )
    for name in names:
        figure = getattr(report, name)
        print(f"whole case {name}: {figure.percent:.1f}% ({_count(figure)})")
    for mode, mode_figures in report.modes.items():
        figures[mode] = {n: _count(getattr(mode_figures, n)) for n in names} | {
            "median_questions": mode_figures.median_questions,
            "max_questions": mode_figures.max_questions,
            "ended_with_open_rule": mode_figures.ended_with_open_rule,
            "missed_warning_signs": mode_figures.missed_warning_signs,
        }
        line = ", ".join(f"{n} {_count(getattr(mode_figures, n))}" for n in names)
        print(f"{mode}: {line}; questions median {mode_figures.median_questions}")
    print(json.dumps(figures))


def _count(figure: Figure) -> str:
    return f"{figure.hits}/{figure.total}"


if __name__ == "__main__":
    main()
