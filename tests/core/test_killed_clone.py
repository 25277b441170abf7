"""A clone killed with SIGKILL before it reached the API, as a real ``python -m bot clone``
process: its repeat, forget-me and the reconciler take its request back at once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app.leases import new_instance_id
from bot.cloning.clone import scoped_key
from bot.errors import Busy
from bot.facade import VoiceBot
from bot.models import CloneOptions, Member, MemberLimits, NewCloneRequest, RequestState
from simulator.server import RunningSimulator
from storage import open_store
from tests.core.conftest import ALICE, clone_fixture, consent, orphan_request
from tests.core.test_cli import SAMPLE, bot_env, run_bot

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")

#: A safety bound, far above what the steps take; a request held by a dead process used to
#: take 180 s (repeat) and 10 minutes (forget-me).
STEP_SECONDS = 30.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (2nd field) is in parentheses and may hold spaces.
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


async def kill_during_conversion(env: dict[str, str], cwd: Path, key: str) -> None:
    """Run ``python -m bot clone`` and SIGKILL it (and its audio workers) while it converts.

    The audio workers are stopped (SIGSTOP) as soon as they are ready, so the conversion that
    follows cannot finish before the kill: the request is always left ``pending``."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "clone",
        SAMPLE,
        "--user",
        "u1",
        "--consent",
        "--idempotency-key",
        key,
        env={**env, "LOG_LEVEL": "DEBUG"},
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stderr is not None
    seen: list[str] = []
    try:
        async with asyncio.timeout(60):
            while True:
                line = (await process.stderr.readline()).decode()
                assert line, "the clone ended before converting:\n" + "".join(seen)
                seen.append(line)
                if "audio converter ready" in line:
                    for child in _children(process.pid):
                        os.kill(child, signal.SIGSTOP)
                if line.startswith("… converting"):
                    break
    finally:
        # The whole process group: its audio workers die with it, as in a container kill.
        os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def request_state(env: dict[str, str], key: str) -> RequestState | None:
    """The state of the CLI's request for member ``u1`` with ``--idempotency-key key``."""
    store = await open_store(env["DATABASE_URL"])
    try:
        request = await store.get_clone_request(scoped_key(Member("cli", "u1"), key))
    finally:
        await store.close()
    return None if request is None else request.state


async def timed(env: dict[str, str], cwd: Path, *argv: str) -> tuple[float, int, dict[str, str]]:
    started = time.monotonic()
    code, out, err = await asyncio.wait_for(run_bot(env, cwd, *argv, "--json"), STEP_SECONDS)
    return time.monotonic() - started, code, json.loads(out) if out.strip() else {"err": err}


async def test_a_repeat_after_sigkill_clones_at_once_and_forget_me_is_not_held(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    await kill_during_conversion(env, tmp_path, "evt-killed")
    assert await request_state(env, "evt-killed") is RequestState.PENDING
    assert sim.state.count("POST", "/voices/clone") == 0

    seconds, code, body = await timed(
        env,
        tmp_path,
        "clone",
        SAMPLE,
        "--user",
        "u1",
        "--consent",
        "--idempotency-key",
        "evt-killed",
    )
    print(f"repeat after SIGKILL: {seconds:.1f} s")
    assert code == 0, body
    assert body["reused"] is False
    assert sim.state.count("POST", "/voices/clone") == 1

    seconds, code, body = await timed(env, tmp_path, "forget", "--user", "u1", "--yes")
    print(f"forget after the repeat: {seconds:.1f} s")
    assert code == 0, body
    assert len(body["deleted_voices"]) == 1
    assert sim.state.custom_voice_count() == 0


async def test_forget_me_right_after_sigkill_removes_the_dead_request(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    await kill_during_conversion(env, tmp_path, "evt-dead")
    assert await request_state(env, "evt-dead") is RequestState.PENDING

    seconds, code, body = await timed(env, tmp_path, "forget", "--user", "u1", "--yes")
    print(f"forget after SIGKILL: {seconds:.1f} s")
    assert code == 0, body
    assert await request_state(env, "evt-dead") is None
    assert sim.state.count("POST", "/voices/clone") == 0


async def test_the_reconciler_removes_a_dead_pending_request_at_start(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    await kill_during_conversion(env, tmp_path, "evt-gone")
    assert await request_state(env, "evt-gone") is RequestState.PENDING
    # Any command starts the core, and its start reconciles.
    _, code, body = await timed(env, tmp_path, "voices", "--user", "u1")
    assert code == 0, body
    assert await request_state(env, "evt-gone") is None


# --- in one process: the repeat and forget-me themselves, with no reconciler run between ---
async def dead_owner() -> str:
    """The instance id of a process on this host that has exited."""
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await process.wait()
    host, _, rest = new_instance_id().partition(":")
    return f"{host}:{process.pid}:{rest.partition(':')[2]}"


async def pending_of_dead_process(voicebot: VoiceBot, key: str, owner: str) -> None:
    key = scoped_key(ALICE, key)
    now = voicebot.clock()
    new = NewCloneRequest(
        key,
        ALICE,
        f"m-{key}",
        CloneOptions(),
        consent(),
        owner=owner,
        lease_until=now + timedelta(minutes=10),
    )
    assert (await voicebot.store.begin_clone(new, MemberLimits(5, 0), now)).created


async def test_a_repeat_reclaims_a_dead_process_request_itself(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    await pending_of_dead_process(voicebot, "k-dead", await dead_owner())
    started = time.monotonic()
    result = await asyncio.wait_for(clone_fixture(voicebot, key="k-dead"), STEP_SECONDS)
    assert time.monotonic() - started < STEP_SECONDS
    assert result.reused is False
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_a_repeat_still_waits_for_a_live_process(voicebot: VoiceBot) -> None:
    """The lease and the pid decide: a request of a live process on another host is not taken."""
    await pending_of_dead_process(voicebot, "k-live", "elsewhere:1:boot")
    request = await voicebot.store.get_clone_request(scoped_key(ALICE, "k-live"))
    assert request is not None
    assert not await voicebot.cloning.reclaim(request)
    assert await voicebot.store.get_clone_request(scoped_key(ALICE, "k-live")) is not None


async def test_forget_me_removes_a_dead_process_request(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    await pending_of_dead_process(voicebot, "k-gone", await dead_owner())
    report = await asyncio.wait_for(voicebot.forget(ALICE), STEP_SECONDS)
    assert report.voice_ids == []
    assert await voicebot.store.get_clone_request(scoped_key(ALICE, "k-gone")) is None


async def test_forget_me_still_waits_for_a_live_clone(voicebot: VoiceBot) -> None:
    await pending_of_dead_process(voicebot, "k-busy", "elsewhere:1:boot")
    with pytest.raises(Busy):
        await voicebot.forget(ALICE)


async def test_a_repeat_settles_a_dead_process_request_that_reached_the_api(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    await orphan_request(voicebot, sim, "k-ran", voice_made=True)
    made = [v.voice_id for v in sim.state.voices.values() if v.voice_type == "CUSTOM"]
    result = await asyncio.wait_for(clone_fixture(voicebot, key="k-ran"), STEP_SECONDS)
    assert result.voice.voice_id == made[0] and result.reused is True
    assert sim.state.count("POST", "/voices/clone") == 0
