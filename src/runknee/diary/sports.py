"""Sport names from files and exports, mapped onto the diary's few sport names."""

from __future__ import annotations

from runknee.choices import Sport

_ALIASES: dict[Sport, tuple[str, ...]] = {
    "running": (
        "run",
        "running",
        "trail run",
        "trail_run",
        "trail running",
        "virtual run",
        "virtualrun",
        "treadmill",
        "treadmill running",
        "track running",
        "street running",
        "hardlopen",
        "laufen",
        "course",
        "correr",
        "carrera",
        "běh",
        "9",
    ),
    "walking": ("walk", "walking", "wandelen", "gehen", "caminar", "chůze", "10"),
    "hiking": ("hike", "hiking", "4"),
    "cycling": (
        "ride",
        "cycling",
        "biking",
        "bike",
        "virtual ride",
        "virtualride",
        "indoor cycling",
        "e-bike ride",
        "ebikeride",
        "mountain bike ride",
        "gravel ride",
        "fietsen",
        "radfahrt",
        "1",
    ),
    "swimming": ("swim", "swimming", "lap_swimming", "open_water"),
    "rowing": ("rowing", "row", "indoor rowing"),
}
_LOOKUP = {alias: sport for sport, aliases in _ALIASES.items() for alias in aliases}


def normalise_sport(name: str | None) -> str:
    """The diary's sport for a file's or export's sport name; ``other`` when unknown.

    Numeric GPX types follow Strava's export (1 ride, 4 hike, 9 run, 10 walk).
    """
    if not name:
        return "other"
    key = name.strip().lower().replace("-", " ").replace("_", " ")
    if key in _LOOKUP:
        return _LOOKUP[key]
    key = key.replace(" ", "_")
    return key if key.replace("_", "").isalpha() and len(key) <= 32 else "other"


def same_sport_family(a: str, b: str) -> bool:
    """Whether two sports may be one recording (``other`` matches anything)."""
    return a == b or "other" in (a, b)
