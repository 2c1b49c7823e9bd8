"""Fuzz the strict JSON reader: for any bytes, it returns data or raises JSONDecodeError, never
anything else; valid JSON without duplicate keys reads back unchanged. ``make fuzz`` raises the
number of examples with RUNKNEE_FUZZ_EXAMPLES."""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from runknee import strict_json

EXAMPLES = int(os.environ.get("RUNKNEE_FUZZ_EXAMPLES", "300"))

_scalars = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=20)
_finite = st.floats(allow_nan=False, allow_infinity=False)
_documents = st.recursive(
    _scalars | _finite,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_data_or_a_json_error(data: bytes) -> None:
    with contextlib.suppress(json.JSONDecodeError):  # any other exception fails the test
        strict_json.loads(data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_documents)
def test_plain_json_reads_back_unchanged(document: Any) -> None:
    text = json.dumps(document)
    assert strict_json.loads(text) == json.loads(text)
    assert strict_json.loads(text.encode()) == json.loads(text)
