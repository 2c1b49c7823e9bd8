"""Numbers typed into forms: ASCII digits only, a few of them, within bounds.

``str.isdigit`` is true for ``²`` and other Unicode digits that ``int`` then refuses, and a
4,301-digit number makes ``int`` raise: either was a 500. Here anything but a plain whole
number in range is ``None``, and the page shows the form again with the error.
"""

from __future__ import annotations

import re

_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")


def whole_number(text: str, low: int, high: int) -> int | None:
    """``text`` (surrounding spaces ignored) as an int in ``low..high``, else ``None``."""
    text = text.strip()
    if _WHOLE_NUMBER.fullmatch(text) is None:
        return None
    value = int(text)
    return value if low <= value <= high else None
