"""The C heap of a process that holds members' uploads, where buffers of megabytes come and go.

glibc serves an allocation above its mmap threshold from a mapping of its own, handed back to
the system when freed; but each time such a buffer is freed it raises the threshold to that
buffer's size (up to 32 MB). After the first upload, the next ones land in the main heap, which
keeps the pages of every hole freed below its top and copies a buffer that grows. A fixed
threshold keeps every upload-sized buffer in its own mapping: ``make bench`` (d), 50 clips of
10 MB at once, peak RSS of the bot and its two workers 369 -> 338-344 MB. The bot calls
:func:`keep_large_buffers_apart` at start-up, each audio worker too (workers also give freed
memory back after every job). Elsewhere than glibc both are no-ops; an operator's own
``MALLOC_MMAP_THRESHOLD_`` is left as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os

#: glibc's mallopt parameter number for the mmap threshold.
_M_MMAP_THRESHOLD = -3
#: Allocations from this size up get a mapping of their own (glibc's default start is 128 KB):
#: an upload, a decoded recording, a converted sample; never the small objects around them.
LARGE_BUFFER_BYTES = 256 * 1024


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def keep_large_buffers_apart(threshold: int = LARGE_BUFFER_BYTES) -> bool:
    """Fix the mmap threshold at ``threshold`` bytes; True if it was set."""
    libc = _glibc()
    if libc is None or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    return bool(libc.mallopt(_M_MMAP_THRESHOLD, threshold))


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system (glibc keeps them for reuse)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
