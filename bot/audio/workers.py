"""Audio worker processes: memory-capped, watched from outside, started on demand, recycled.

Untrusted containers are parsed here, so every worker is a process of its own with hard
bounds that hold whatever FFmpeg is stuck in:

- **memory**: an address-space limit (``RLIMIT_AS``) set once the worker has loaded its
  libraries, at its start-up size plus ``memory_mb``. An allocation past it fails inside the
  worker (``MemoryError``, or FFmpeg's ``ENOMEM``); the worker answers ``too_large`` and is
  replaced, so a fragmented heap doesn't linger.
- **time**: the parent waits at most ``job_seconds`` for an answer, then kills the worker with
  SIGKILL, answers ``too_large`` and starts a fresh one on the next job. The decoder's own wall
  limit fires first for ordinary slow files; this catches what it can't see (a demuxer building
  an index inside ``av.open``, a decoder spinning in C).
- **lifetime**: a worker is replaced after ``max_jobs`` jobs, and workers beyond ``keep_warm``
  exit after ``idle_seconds`` without work, so an idle bot holds little memory.

One job per worker at a time, over a pipe; each wait happens on a thread of a small private
pool, never on the event loop. Other jobs in flight never share a worker with a killed one.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import multiprocessing.connection
import os
import pickle
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.errors import BotError, InternalError, NotAudio, TooLarge
from bot.heap import give_back_freed_memory, keep_large_buffers_apart

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: Workers yield the CPU to the bot's event loop: with as many workers as cores, equal
#: priority would let conversions delay every reply and heartbeat.
_WORKER_NICENESS = 10
_WORKER_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [audio worker %(process)d] %(message)s"
#: A worker that hasn't loaded its libraries by then is broken (a full disk, a bad install).
_START_SECONDS = 60.0
_MB = 1024 * 1024
#: Arguments this large travel as raw bytes beside the pickled job: no pickled copy of an
#: upload on either side of the pipe.
_RAW_BYTES = 64 * 1024


class _Raw:
    """Stands in a pickled job for a bytes argument sent on its own, straight after it."""

    def __init__(self, size: int) -> None:
        self.size = size


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytearray:
    """``size`` bytes from ``fd`` into one buffer: no intermediate copy of an upload."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    done = 0
    while done < size:
        got = os.readv(fd, [view[done:]])
        if got == 0:
            raise EOFError("the parent went away mid-upload")
        done += got
    return buffer


@dataclass(frozen=True)
class Job:
    """A worker function named by module and attribute. Pickling a function object would make
    the bot's process import its module (and numpy, PyAV...); a name is resolved in the worker.
    """

    module: str
    name: str

    @property
    def __name__(self) -> str:
        return self.name

    def resolve(self) -> Callable[..., object]:
        function: Callable[..., object] = getattr(importlib.import_module(self.module), self.name)
        return function


@dataclass(frozen=True)
class WorkerConfig:
    #: How many jobs run at once (one per worker process).
    workers: int = 2
    #: Address space a worker may add to its start-up size; 0 turns the cap off.
    memory_mb: int = 256
    #: The longest a job may take before its worker is killed.
    job_seconds: float = 30.0
    #: Jobs a worker does before it is replaced by a fresh one.
    max_jobs: int = 200
    #: Workers kept running while idle (started with the pool).
    keep_warm: int = 1
    #: How long a worker beyond ``keep_warm`` stays without work before it exits.
    idle_seconds: float = 60.0


def too_slow() -> TooLarge:
    return TooLarge(
        "That file takes too long to read. Send a shorter recording, or a common format "
        "(a voice message, mp3, m4a or wav).",
        key="error-too-slow-to-read",
    )


def too_hungry() -> TooLarge:
    return TooLarge(
        "That file needs more memory to read than I allow. Send a shorter recording, or a "
        "common format (a voice message, mp3, m4a or wav).",
        key="error-too-much-memory",
    )


# --- inside the worker process ---------------------------------------------------------------


def _worker_main(conn: multiprocessing.connection.Connection) -> None:
    log_level, memory_bytes, warm = conn.recv()
    keep_large_buffers_apart()
    # Ctrl-C is the parent's to handle; workers stop when told to or when the parent goes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.nice(_WORKER_NICENESS)
    # Straight to the inherited stdout, one write per record: a log queue back to the parent
    # would share a lock that a killed worker could leave held.
    logging.basicConfig(level=log_level, stream=sys.stdout, format=_WORKER_LOG_FORMAT)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if isinstance(warm, Job):
        warm = warm.resolve()
    if warm is not None:
        warm()
    if memory_bytes > 0:
        cap = address_space_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        function, args = job
        args = tuple(
            _read_exactly(conn.fileno(), arg.size) if isinstance(arg, _Raw) else arg for arg in args
        )
        reply = _answer((function, args))
        # The upload is not kept while the worker waits for its next job, and what the job
        # freed goes back to the system rather than staying in the heap.
        del job, args
        give_back_freed_memory()
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", None))


def _answer(job: tuple[Callable[..., object] | Job, tuple[object, ...]]) -> tuple[str, object]:
    function, args = job
    name = getattr(function, "__name__", "job")
    try:
        if isinstance(function, Job):
            function = function.resolve()
        return ("ok", function(*args))
    except MemoryError:
        log.warning("%s hit the worker's memory cap", name)
        return ("memory", None)
    except BotError as exc:
        return ("error", exc)
    except Exception as exc:
        log.exception("%s failed", name)
        return ("crash", type(exc).__name__)


def _exit_with_parent(parent: int) -> None:
    """A parent killed with SIGKILL can't stop its workers: don't outlive it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def address_space_bytes(pid: int | str = "self") -> int:
    """The process's current address-space size (``VmSize``), in bytes."""
    return status_kb(pid, "VmSize") * 1024


def status_kb(pid: int | str, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# --- in the bot's process ---------------------------------------------------------------------


class _Worker:
    def __init__(
        self, process: subprocess.Popen[bytes], conn: multiprocessing.connection.Connection
    ) -> None:
        self.process = process
        self.conn = conn
        self.jobs = 0
        self.idle_since = time.monotonic()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def call(self, job: tuple[Callable[..., object] | Job, tuple[object, ...]]) -> tuple[str, Any]:
        """Blocking: send one job and wait for its answer (on a pool thread)."""
        function, args = job
        raw = next(
            (a for a in args if isinstance(a, bytes | bytearray) and len(a) >= _RAW_BYTES), None
        )
        try:
            if raw is None:
                self.conn.send(job)
            else:
                self.conn.send((function, tuple(_Raw(len(raw)) if a is raw else a for a in args)))
                _write_all(self.conn.fileno(), raw)
        except BrokenPipeError:
            # It died while idle: the job never reached it and can go to another.
            return ("undelivered", None)
        reply: tuple[str, Any] = self.conn.recv()
        return reply

    def wait_ready(self) -> None:
        status, _ = self.conn.recv()
        if status != "ready":
            raise EOFError(f"unexpected first message {status!r}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def join(self, timeout: float) -> int | None:
        """Reap the process (no zombie left); its exit code, or None if it still runs."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout)
        return self.process.returncode

    def kill(self) -> None:
        if self.alive():
            with contextlib.suppress(OSError):
                self.process.kill()
        self.conn.close()


class WorkerPool:
    """Runs picklable functions in capped, watched worker processes; extra callers queue."""

    def __init__(
        self, config: WorkerConfig, *, warm: Callable[[], object] | Job | None = None
    ) -> None:
        if config.workers < 1:
            raise ValueError("workers must be at least 1")
        self.config = config
        self._warm = warm
        self._slots = asyncio.Semaphore(config.workers)
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._threads: ThreadPoolExecutor | None = None
        self._reaper: asyncio.TimerHandle | None = None
        self._closed = False
        #: How many workers were killed by the watchdog or replaced after a memory error.
        self.killed = 0

    @property
    def pids(self) -> list[int]:
        return [w.pid for w in (*self._idle, *self._busy) if w.pid is not None]

    async def start(self) -> None:
        """Start the workers kept warm (the others start when work arrives)."""
        self._check_open()
        while len(self._idle) < min(self.config.keep_warm, self.config.workers):
            self._idle.append(await self._spawn())

    async def run(self, function: Callable[..., Any] | Job, *args: object) -> Any:
        async with self._slots:
            self._check_open()
            for _attempt in range(2):
                worker = await self._take()
                status, payload = await self._call(worker, function, args)
                if status != "undelivered":
                    break
                log.warning("audio worker %s had exited; starting another", worker.pid)
                await self._reap(worker)
            else:
                raise InternalError()  # two fresh workers in a row died before reading a job
            worker.jobs += 1
            if status == "memory":
                self._discard(worker)
                self.killed += 1
                raise too_hungry()
            self._release(worker)
        if status == "ok":
            return payload
        if status == "error" and isinstance(payload, BotError):
            raise payload
        error = InternalError()
        log.error("an audio job failed with %s (reference %s)", payload, error.reference)
        raise error

    async def _call(
        self, worker: _Worker, function: Callable[..., object] | Job, args: tuple[object, ...]
    ) -> tuple[str, Any]:
        """One job on ``worker``, watched: a worker past the time limit is killed."""
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._executor(), worker.call, (function, args))
        try:
            return await asyncio.wait_for(call, self.config.job_seconds)
        except TimeoutError:
            self._discard(worker)
            self.killed += 1
            log.warning(
                "killed audio worker %s: %s ran past %.0f s",
                worker.pid,
                getattr(function, "__name__", "a job"),
                self.config.job_seconds,
            )
            raise too_slow() from None
        except asyncio.CancelledError:
            # Its answer would be read by the next job: the worker goes.
            self._discard(worker)
            raise
        except (EOFError, OSError) as exc:
            code = await self._reap(worker)
            log.error("audio worker %s died (exit code %s) during a job", worker.pid, code)
            raise NotAudio(
                "I couldn't read that file. Send a voice message or a common audio format "
                "(ogg, mp3, m4a, wav, flac).",
                key="error-unreadable-file",
            ) from exc

    async def close(self) -> None:
        """Stop every worker (running jobs are cut short) and the I/O threads."""
        self._closed = True
        if self._reaper is not None:
            self._reaper.cancel()
        workers = [*self._idle, *self._busy]
        self._idle.clear()
        self._busy.clear()
        for worker in workers:
            worker.kill()
        await asyncio.gather(*(asyncio.to_thread(w.join, 5.0) for w in workers))
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None

    # --- internals ------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the audio worker pool is closed")

    def _executor(self) -> ThreadPoolExecutor:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(
                max_workers=self.config.workers + 1, thread_name_prefix="audio-worker-io"
            )
        return self._threads

    async def _take(self) -> _Worker:
        while self._idle:
            worker = self._idle.pop()
            if worker.alive():
                self._busy.add(worker)
                return worker
            log.warning("audio worker %s had exited; starting another", worker.pid)
            worker.kill()
            await asyncio.to_thread(worker.join, 1.0)
        worker = await self._spawn()
        self._busy.add(worker)
        return worker

    async def _spawn(self) -> _Worker:
        loop = asyncio.get_running_loop()
        process, conn = await loop.run_in_executor(self._executor(), _start_process)
        worker = _Worker(process, conn)
        setup = (
            logging.getLogger("bot.audio").getEffectiveLevel(),
            self.config.memory_mb * _MB,
            self._warm,
        )
        try:
            await asyncio.wait_for(
                loop.run_in_executor(self._executor(), _hand_over, worker, setup), _START_SECONDS
            )
        except BaseException:
            worker.kill()
            await asyncio.to_thread(worker.join, 1.0)
            raise
        log.debug("audio worker %s started", worker.pid)
        return worker

    def _release(self, worker: _Worker) -> None:
        self._busy.discard(worker)
        if self._closed or worker.jobs >= self.config.max_jobs:
            log.debug("audio worker %s retired after %d jobs", worker.pid, worker.jobs)
            self._retire(worker)
            return
        worker.idle_since = time.monotonic()
        self._idle.append(worker)
        self._schedule_reaper()

    def _discard(self, worker: _Worker) -> None:
        self._busy.discard(worker)
        worker.kill()
        self._join_later(worker)

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.conn.close()
        self._join_later(worker)

    def _join_later(self, worker: _Worker) -> None:
        # Joining reaps the process (no zombie); on a thread, the loop never waits for it.
        self._executor().submit(worker.join, 5.0)

    async def _reap(self, worker: _Worker) -> int | None:
        self._busy.discard(worker)
        worker.kill()
        return await asyncio.to_thread(worker.join, 5.0)

    def _schedule_reaper(self) -> None:
        if self._reaper is None and len(self._idle) > self.config.keep_warm:
            loop = asyncio.get_running_loop()
            self._reaper = loop.call_later(self.config.idle_seconds, self._reap_idle)

    def _reap_idle(self) -> None:
        self._reaper = None
        now = time.monotonic()
        # The most recently used stay; the longest idle beyond ``keep_warm`` go.
        self._idle.sort(key=lambda w: w.idle_since, reverse=True)
        while len(self._idle) > self.config.keep_warm:
            oldest = self._idle[-1]
            if now - oldest.idle_since < self.config.idle_seconds:
                break
            self._idle.pop()
            log.debug(
                "audio worker %s idle for %.0f s; stopping it", oldest.pid, now - oldest.idle_since
            )
            self._retire(oldest)
        self._schedule_reaper()


def _start_process() -> tuple[subprocess.Popen[bytes], multiprocessing.connection.Connection]:
    """A fresh interpreter running :func:`_worker_main` on one end of a socket pair.

    A plain subprocess rather than multiprocessing's ``spawn``: that one also starts a resource
    tracker process (~13 MB) and re-imports the bot's main module in every worker.
    """
    ours, theirs = socket.socketpair()
    with ours, theirs:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.audio.workers", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        conn = multiprocessing.connection.Connection(os.dup(ours.fileno()))
    return process, conn


def _hand_over(worker: _Worker, setup: tuple[int, int, Callable[[], object] | Job | None]) -> None:
    worker.conn.send_bytes(pickle.dumps(setup))
    worker.wait_ready()


if __name__ == "__main__":
    # Through the module's real name, so that what the parent pickles (``_Raw``) matches.
    from bot.audio.workers import _worker_main as worker_main

    worker_main(multiprocessing.connection.Connection(int(sys.argv[1])))
