"""The cyclic garbage collector paused around work that builds many objects and no cycles.

Bulk reads and imports build hundreds of thousands of tuples and dicts; left on, the
collector ran full passes over them that took as long as the work itself. Reference
counting still frees everything, and the next collection after the pause is cheap.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collections() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is on again after it, unless
    it was already off (another thread's pause, which ends with that thread's block)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
