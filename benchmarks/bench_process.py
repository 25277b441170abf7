"""The bot measured alone, as a real process: ``python -m bot run`` in Slack HTTP mode.

The Async API simulator and the fake Slack run in the benchmark's process; the bot and its
audio workers in their own, so their resident memory is the bot's and nothing else's. Slack is
driven the way Slack does it (signed events and clicks over HTTP), with the test suite's fake
Slack Web API (tests/slack).

- idle RSS: the bot and its workers, a few seconds after it started serving;
- acknowledgement latency: how long Slack waits for the HTTP answer to a signed event or
  click while 20 clones are in flight (Slack gives up after 3 s; the target is 250 ms);
- peak RSS while 50 members' 10 MB clips arrive at once (each consent click starts a
  download from Slack, a conversion and a clone).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from bench_memory import children_of, status_kb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator.server import run_simulator  # noqa: E402
from tests.slack.fake_slack import FakeSlack, Message, dm_of  # noqa: E402
from tests.slack.harness import dm_clip_event, event_body, sign  # noqa: E402
from tests.slack.test_process import consent_click, running_bot  # noqa: E402

_SAMPLE_SECONDS = 0.01


@dataclass(frozen=True)
class ProcessFigures:
    idle_rss_mb: float
    idle_processes: int
    #: RSS of each process of the idle bot, by what it is ("bot", "audio worker"...).
    idle_breakdown_mb: dict[str, float]
    ack_ms: list[float]
    clones_in_flight: int
    peak_rss_mb: float
    peak_processes: int
    #: The bot's own largest RSS, and the largest of any one of its children (a worker).
    peak_main_mb: float
    peak_worker_mb: float
    upload_outcomes: dict[str, int]
    upload_wall_seconds: float


def _role(pid: int, bot: int) -> str:
    if pid == bot:
        return "bot"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "resource_tracker" in command:
        return "multiprocessing resource tracker"
    return "audio worker" if "spawn_main" in command else "child"


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """RSS of ``pid`` and every descendant (its audio workers), and how many processes."""
    pids = [pid, *children_of(pid)]
    return sum(status_kb(p, "VmRSS") or 0 for p in pids), len(pids)


class TreeSampler:
    """The largest sum of RSS over the process tree, sampled every 10 ms on a thread."""

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.peak_kb = 0
        self.processes = 0
        #: Each process's own largest sampled RSS, the bot's first.
        self.per_process_kb: dict[int, int] = {}

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = [self._pid, *children_of(self._pid)]
            sizes = {p: status_kb(p, "VmRSS") or 0 for p in pids}
            for p, kb in sizes.items():
                self.per_process_kb[p] = max(kb, self.per_process_kb.get(p, 0))
            if sum(sizes.values()) > self.peak_kb:
                self.peak_kb, self.processes = sum(sizes.values()), len(pids)
            self._stop.wait(_SAMPLE_SECONDS)


async def _post(session: aiohttp.ClientSession, url: str, body: str, kind: str) -> float:
    """A signed request to the bot; returns how long the bot took to answer (its ack)."""
    headers = {"Content-Type": kind, **sign(body)}
    started = time.perf_counter()
    async with session.post(f"{url}/slack/events", data=body.encode(), headers=headers) as resp:
        await resp.read()
        elapsed = time.perf_counter() - started
        if resp.status != 200:
            raise RuntimeError(f"the bot answered {resp.status}")
    return elapsed


async def _until(check: Callable[[], bool], seconds: float) -> None:
    async with asyncio.timeout(seconds):
        while not check():  # noqa: ASYNC110 - the state changes in another process
            await asyncio.sleep(0.02)


async def _clips(
    session: aiohttp.ClientSession, url: str, fake: FakeSlack, users: list[str], clip: bytes
) -> dict[str, Message]:
    """Each user sends ``clip`` in DM; returns each one's consent prompt."""
    for user in users:
        file = fake.add_file(clip, mimetype="audio/wav", filetype="wav", name="clip.wav", user=user)
        await _post(
            session, url, json.dumps(event_body(dm_clip_event(user, file))), "application/json"
        )
    await _until(lambda: all(fake.posted_in(dm_of(u)) for u in users), 60)
    return {user: fake.posted_in(dm_of(user))[0] for user in users}


def _finished(prompt: Message) -> bool:
    return "is ready" in prompt.text or ":warning:" in prompt.text or "busy" in prompt.text


async def measure(
    clip30: bytes,
    upload: bytes,
    *,
    in_flight: int,
    uploads: int,
    latency: float,
    say: Callable[[str], None],
    extra_env: dict[str, str] | None = None,
) -> ProcessFigures:
    with tempfile.TemporaryDirectory(prefix="bench-process-") as work:
        fake = FakeSlack()
        await fake.start()
        try:
            async with run_simulator() as sim:
                env = {"AUDIO_WORKERS": "2", "LOG_LEVEL": "WARNING", "PREVIEW_WAIT_SECONDS": "0.5",
                       "VOICES_PER_MEMBER": "100", **(extra_env or {})}  # fmt: skip
                async with running_bot(sim, fake, Path(work), **env) as bot:
                    assert bot.process is not None
                    pid = bot.process.pid
                    return await _measure(
                        bot.url, pid, fake, sim, clip30, upload, in_flight, uploads, latency, say
                    )
        finally:
            await fake.close()


async def _measure(
    url: str,
    pid: int,
    fake: FakeSlack,
    sim: Any,
    clip30: bytes,
    upload: bytes,
    in_flight: int,
    uploads: int,
    latency: float,
    say: Callable[[str], None],
) -> ProcessFigures:
    await asyncio.sleep(3.0)
    breakdown = {
        f"{_role(p, pid)} {p}": (status_kb(p, "VmRSS") or 0) / 1024
        for p in [pid, *children_of(pid)]
    }
    idle_kb, idle_count = 0, 0
    for _ in range(20):
        kb, count = tree_rss_kb(pid)
        idle_kb, idle_count = max(idle_kb, kb), max(idle_count, count)
        await asyncio.sleep(0.1)

    async with aiohttp.ClientSession() as session:
        say(f"    acks with {in_flight} clones in flight...")
        sim.state.latency_seconds = latency
        users = [f"UACK{i:03d}" for i in range(in_flight)]
        prompts = await _clips(session, url, fake, users, clip30)
        acks: list[float] = []
        clicks = [
            _post(
                session,
                url,
                consent_click(fake, prompts[u], u),
                "application/x-www-form-urlencoded",
            )
            for u in users
        ]
        acks += await asyncio.gather(*clicks)
        # While those clones run: more members send clips, each event acknowledged at once.
        probes = [f"UPROBE{i:03d}" for i in range(40)]
        for user in probes:
            file = fake.add_file(
                clip30, mimetype="audio/wav", filetype="wav", name="clip.wav", user=user
            )
            body = json.dumps(event_body(dm_clip_event(user, file)))
            acks.append(await _post(session, url, body, "application/json"))
            await asyncio.sleep(0.02)
        await _until(lambda: all(_finished(prompts[u]) for u in users), 180)

        say(f"    {uploads} clips of {len(upload) // (1024 * 1024)} MB at once...")
        sim.state.latency_seconds = 0.2
        big_users = [f"UBIG{i:03d}" for i in range(uploads)]
        big_prompts = await _clips(session, url, fake, big_users, upload)
        with TreeSampler(pid) as sampler:
            started = time.perf_counter()
            await asyncio.gather(
                *(
                    _post(
                        session,
                        url,
                        consent_click(fake, big_prompts[u], u),
                        "application/x-www-form-urlencoded",
                    )
                    for u in big_users
                )
            )
            await _until(lambda: all(_finished(big_prompts[u]) for u in big_users), 240)
            wall = time.perf_counter() - started
    outcomes: dict[str, int] = {}
    for user in big_users:
        text = big_prompts[user].text
        key = "ok" if "is ready" in text else "busy" if "busy" in text.lower() else "other"
        outcomes[key] = outcomes.get(key, 0) + 1
    return ProcessFigures(
        idle_rss_mb=idle_kb / 1024,
        idle_processes=idle_count,
        idle_breakdown_mb=breakdown,
        ack_ms=[a * 1000 for a in acks],
        clones_in_flight=in_flight,
        peak_rss_mb=sampler.peak_kb / 1024,
        peak_processes=sampler.processes,
        peak_main_mb=sampler.per_process_kb.get(pid, 0) / 1024,
        peak_worker_mb=max((kb for p, kb in sampler.per_process_kb.items() if p != pid), default=0)
        / 1024,
        upload_outcomes=outcomes,
        upload_wall_seconds=wall,
    )


def run_measure(coro: Awaitable[ProcessFigures]) -> ProcessFigures:
    return asyncio.run(coro)  # type: ignore[arg-type]


if __name__ == "__main__":
    from bench_samples import decode_speech, large_wav, voice_message

    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    speech = decode_speech()
    figures = asyncio.run(
        measure(
            voice_message(30, speech),
            large_wav(10 * 1024 * 1024, speech),
            in_flight=20,
            uploads=50,
            latency=0.5,
            say=print,
            extra_env=dict(
                item.split("=", 1) for item in os.environ.get("BENCH_BOT_ENV", "").split() if item
            ),
        )
    )
    print(figures)
