"""Strict JSON for untrusted input: request bodies and case files.

Python's ``json`` accepts things that make a health answer ambiguous or the server slow:

* a repeated key keeps the last value, so ``{"calf_pain": "present", ..., "calf_pain":
  "absent"}`` silently lowers an emergency to a routine result: refused;
* ``NaN``, ``Infinity`` and numbers too large for a float (``1e999``): refused;
* integers of thousands of digits (slow to convert, and Python refuses over 4,300 digits with a
  ValueError rather than a JSON error): refused over :data:`MAX_INT_DIGITS` digits;
* nesting deep enough to exhaust the stack: refused over :data:`MAX_DEPTH` levels;
* bytes that are not UTF-8, and a leading byte-order mark: refused.

Every refusal is a :class:`json.JSONDecodeError` (a ``ValueError``), so callers that already
handle bad JSON need nothing new. U+2028 and U+2029 inside strings are valid JSON and kept.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 32
"""Deepest nesting of objects and arrays accepted (a case needs 3)."""

MAX_INT_DIGITS = 30
"""Most digits in an integer (a case's numbers need at most 6)."""

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def loads(data: str | bytes) -> Any:
    """Parse ``data`` as strict JSON (see the module docs).

    Raises:
        json.JSONDecodeError: naming what is wrong and where.
    """
    text = _text(data)
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError(
            "starts with a byte-order mark (save it as plain UTF-8)", text, 0
        )
    _check_depth(text)
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys(text),
            parse_int=_int(text),
            parse_float=_float(text),
            parse_constant=_constant(text),
        )
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc = data.decode("utf-8", "replace")
        raise json.JSONDecodeError(f"not UTF-8 (byte {exc.start})", doc, exc.start) from None


def _check_depth(text: str) -> None:
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    if brackets and max(accumulate(_DEPTH_STEP[c] for c in brackets)) > MAX_DEPTH:
        raise json.JSONDecodeError(f"nested more than {MAX_DEPTH} levels deep", text, 0)


def _unique_keys(text: str) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise json.JSONDecodeError(f"duplicate key {key[:100]!r}", text, 0)
            result[key] = value
        return result

    return hook


def _int(text: str) -> Any:
    def parse(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise json.JSONDecodeError(f"number with over {MAX_INT_DIGITS} digits", text, 0)
        return int(digits)

    return parse


def _float(text: str) -> Any:
    def parse(number: str) -> float:
        value = float(number)
        if not math.isfinite(value) or len(number) > 2 * MAX_INT_DIGITS:
            raise json.JSONDecodeError(f"number out of range: {number[:40]}", text, 0)
        return value

    return parse


def _constant(text: str) -> Any:
    def parse(name: str) -> float:
        raise json.JSONDecodeError(f"{name} is not a JSON number", text, 0)

    return parse
