"""Values that other processes may change, kept in this process and asked for
again at most every ``SHARED_STATE_RECHECK_SECONDS``.

Every page needs two such values: whether demo data is loaded (the notice)
and the taxonomy's version token (is the process's copy of the taxonomy still
current?). Asking the database or the shared cache for them costs a query per
page. Kept here, a change made in this process is seen at once (``forget``),
one made in another process (the demo loader, a coordinator's edit answered by
another server process) after at most that many seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings

T = TypeVar("T")

# key → (when it was read, value)
_values: dict[str, tuple[float, Any]] = {}


def recheck(key: str, read: Callable[[], T]) -> T:
    """The value under ``key``: as last read, or ``read()`` again when it is too old."""
    now = time.monotonic()
    kept = _values.get(key)
    if kept is not None and now - kept[0] < settings.SHARED_STATE_RECHECK_SECONDS:
        return kept[1]
    value = read()
    _values[key] = (now, value)
    return value


def forget(key: str | None = None) -> None:
    """Read ``key`` (or everything) afresh next time."""
    if key is None:
        _values.clear()
    else:
        _values.pop(key, None)
