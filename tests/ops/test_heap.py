"""An upload's memory goes back to the system when the upload is done, in the bot and in every
audio worker: glibc's mmap threshold is fixed rather than raised by each freed upload."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
MB = 1024 * 1024

#: Frees a 10 MB buffer (glibc would raise its threshold to 10 MB), then measures what a
#: 6 MB buffer leaves resident once freed.
PROGRAM = """
import sys
from bot.heap import keep_large_buffers_apart

def rss_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

if sys.argv[1] == "apart":
    assert keep_large_buffers_apart()
first = bytearray(10 * 1024 * 1024)
del first
before = rss_kb()
second = bytearray(6 * 1024 * 1024)
del second
print(rss_kb() - before)
"""


def retained_kb(mode: str, **env: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    return int(result.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc, /proc")
def test_a_freed_upload_leaves_nothing_resident() -> None:
    assert retained_kb("apart") < MB // 1024 // 4
    # Without it, glibc's own rule keeps the second buffer's pages: the check sees the difference.
    assert retained_kb("default") > 4 * MB // 1024
