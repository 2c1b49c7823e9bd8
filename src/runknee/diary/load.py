"""Descriptive load numbers (never zones or warnings): this week against the runner's recent
normal as an uncoupled rolling ratio and as an exponentially weighted ratio, and Foster's
monotony and strain. The load of a day is its running distance in km; rest days count as 0."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from statistics import fmean, pstdev

from pydantic import BaseModel, ConfigDict, Field

from runknee.knowledge.diary_models import LoadSettings


class LoadNumbers(BaseModel):
    """This week's load beside the runner's recent normal (descriptive only)."""

    model_config = ConfigDict(frozen=True)

    history_days: int = Field(description="Days from the first activity to the date asked.")
    acute_km: float = Field(description="Running km in the last acute window (7 days).")
    chronic_weekly_km: float | None = Field(
        None, description="Mean weekly km of the chronic window before the acute one."
    )
    ratio_rolling: float | None = Field(
        None, description="Acute km over the weekly mean of the weeks before it (uncoupled)."
    )
    ratio_ewma: float | None = Field(None, description="Exponentially weighted acute over chronic.")
    monotony: float | None = Field(None, description="Mean over SD of the last 7 daily loads.")
    strain: float | None = Field(None, description="Weekly km times monotony.")
    note: str
    sources: list[str]


def daily_series(km_by_day: Mapping[date, float], first: date, last: date) -> list[float]:
    """Each day's km from ``first`` to ``last`` inclusive (days without runs are 0)."""
    days = (last - first).days + 1
    return [km_by_day.get(first + timedelta(days=i), 0.0) for i in range(max(days, 0))]


def load_numbers(
    km_by_day: Mapping[date, float], first_day: date | None, as_of: date, settings: LoadSettings
) -> LoadNumbers:
    """The numbers for the ``acute_days`` up to ``as_of`` (none before enough history)."""
    history_days = (as_of - first_day).days + 1 if first_day else 0
    series = daily_series(km_by_day, first_day or as_of, as_of) if first_day else []
    acute = series[-settings.acute_days :]
    acute_km = round(sum(acute), 2)
    base = LoadNumbers(
        history_days=max(history_days, 0),
        acute_km=acute_km,
        note=settings.note,
        sources=list(settings.sources),
    )
    if history_days < settings.min_history_days:
        return base
    chronic = series[-settings.chronic_days : -settings.acute_days]
    chronic_weekly = sum(chronic) / (len(chronic) / 7) if chronic else 0.0
    monotony = _monotony(acute, settings.monotony_cap)
    return base.model_copy(
        update={
            "chronic_weekly_km": round(chronic_weekly, 2),
            "ratio_rolling": round(acute_km / chronic_weekly, 2) if chronic_weekly > 0 else None,
            "ratio_ewma": _ewma_ratio(series, settings),
            "monotony": monotony,
            "strain": round(acute_km * monotony, 1) if monotony is not None else None,
        }
    )


def _ewma_ratio(series: list[float], settings: LoadSettings) -> float | None:
    fast, slow = 2 / (settings.acute_days + 1), 2 / (settings.chronic_days + 1)
    acute = chronic = 0.0
    for value in series:
        acute = fast * value + (1 - fast) * acute
        chronic = slow * value + (1 - slow) * chronic
    return round(acute / chronic, 2) if chronic > 0 else None


def _monotony(week: list[float], cap: float) -> float | None:
    if not week or sum(week) == 0:
        return None
    spread = pstdev(week)
    return round(min(fmean(week) / spread, cap), 2) if spread > 0 else cap
