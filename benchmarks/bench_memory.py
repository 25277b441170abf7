"""Peak resident memory of this process and its children (the audio workers), on Linux.

Each process's peak (``VmHWM``) is reset through ``/proc/<pid>/clear_refs`` when a phase starts,
so the figure is the peak of that phase, not of the whole benchmark. A sampler thread also
adds up the current RSS of every process every few milliseconds, which gives the peak of the
*sum* (the per-process peaks may not coincide, so their sum is an upper bound). Without
``/proc`` (not Linux) only ``getrusage`` is left, and its peak covers the process's lifetime.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
#: Cheap enough (a few small /proc reads) not to disturb the latencies measured meanwhile.
_SAMPLE_SECONDS = 0.01
#: Listing children scans all of /proc (~2 ms): done far less often than sampling.
_CHILD_SCAN_EVERY = 25
_MB = 1024 * 1024


@dataclass(frozen=True)
class MemoryPeak:
    #: RSS of this process and its children when the phase started.
    baseline_mb: float
    #: The sum of every process's own peak during the phase (an upper bound).
    peak_mb: float
    #: The largest sampled sum of current RSS (a lower bound on the true peak).
    sampled_peak_mb: float
    parent_peak_mb: float
    children_peak_mb: float
    processes: int
    #: False when the peaks could not be reset and cover the process's lifetime.
    per_phase: bool

    @property
    def growth_mb(self) -> float:
        return self.peak_mb - self.baseline_mb


def children_of(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (workers, the multiprocessing resource tracker)."""
    parents: dict[int, int] = {}
    for entry in PROC.glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited while we looked
        # The command name is in parentheses and may hold spaces: split after it.
        fields = stat.rsplit(")", 1)[-1].split()
        parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        kids = [child for child, parent in parents.items() if parent == current]
        found.extend(kids)
        frontier.extend(kids)
    return found


def status_kb(pid: int, field: str) -> int | None:
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def reset_peak(pid: int) -> bool:
    try:
        (PROC / str(pid) / "clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _lifetime_peak_mb() -> float:
    # ru_maxrss is in KiB on Linux and bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / _MB if sys.platform == "darwin" else peak / 1024


class PeakMemory:
    """``with PeakMemory() as meter: ...`` then ``meter.result()``.

    Call :meth:`result` before the children exit (their peaks go with them); children that
    appear during the phase are picked up by the sampler.
    """

    def __init__(self) -> None:
        self._pid = os.getpid()
        self._proc = PROC.is_dir()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sampled_kb = 0
        self._children: list[int] = []
        self._child_peaks_kb: dict[int, int] = {}
        self._baseline_kb = 0
        self._per_phase = False

    def __enter__(self) -> PeakMemory:
        if self._proc:
            self._children = children_of(self._pid)
            pids = [self._pid, *self._children]
            self._per_phase = all(reset_peak(pid) for pid in pids)
            self._baseline_kb = sum(status_kb(pid, "VmRSS") or 0 for pid in pids)
            self._thread = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)
            self._thread.start()
        else:
            self._baseline_kb = int(_lifetime_peak_mb() * 1024)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def result(self) -> MemoryPeak:
        if not self._proc:
            peak = _lifetime_peak_mb()
            return MemoryPeak(self._baseline_kb / 1024, peak, peak, peak, 0.0, 1, False)
        self._children = children_of(self._pid)
        self._sample_once()
        parent_kb = status_kb(self._pid, "VmHWM") or 0
        children_kb = sum(self._child_peaks_kb.values())
        return MemoryPeak(
            baseline_mb=self._baseline_kb / 1024,
            peak_mb=(parent_kb + children_kb) / 1024,
            sampled_peak_mb=self._sampled_kb / 1024,
            parent_peak_mb=parent_kb / 1024,
            children_peak_mb=children_kb / 1024,
            processes=1 + len(self._child_peaks_kb),
            per_phase=self._per_phase,
        )

    def _sample(self) -> None:
        rounds = 0
        while not self._stop.wait(_SAMPLE_SECONDS):
            rounds += 1
            if rounds % _CHILD_SCAN_EVERY == 0:
                self._children = children_of(self._pid)
            self._sample_once()

    def _sample_once(self) -> None:
        total = status_kb(self._pid, "VmRSS") or 0
        for child in self._children:
            total += status_kb(child, "VmRSS") or 0
            peak = status_kb(child, "VmHWM")
            if peak is not None:
                self._child_peaks_kb[child] = max(peak, self._child_peaks_kb.get(child, 0))
        self._sampled_kb = max(self._sampled_kb, total)
