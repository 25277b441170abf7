"""Discord's acknowledgement: how long until the bot defers (or answers) an interaction while
20 clones are in flight. Discord gives a bot 3 s; the target is 250 ms.

The real discord.py client and the adapter, fed gateway payloads, against the test suite's fake
Discord REST server (tests/discord) and the Async API simulator; each interaction is timed from
its dispatch to the bot's first callback reaching the fake.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from adapters.discord import build_discord_client  # noqa: E402
from bot.facade import build_voice_bot  # noqa: E402
from simulator.server import run_simulator  # noqa: E402
from storage import open_store  # noqa: E402
from tests.discord.conftest import Clock, Harness, make_settings  # noqa: E402
from tests.discord.fake_discord import running_fake_discord  # noqa: E402
from tests.discord.helpers import button, prompt_of, slash_clone  # noqa: E402
from tests.discord.payloads import ATTACHMENT, Interactions, Person, option  # noqa: E402


async def _first_callback(h: Harness, payload: dict[str, Any], *, click: bool) -> float:
    """Dispatch ``payload`` as the gateway would; seconds until the bot's first callback."""
    token = payload["token"]
    mark = h.mark()
    started = time.perf_counter()
    if click:
        h.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        task = None
    else:
        task = asyncio.create_task(h.run(payload))
    callback = rf"^/interactions/\d+/{token}/callback$"
    async with asyncio.timeout(30):
        # The fake records calls; there is no event to wait on.
        while not h.fake.find("POST", callback, mark):  # noqa: ASYNC110
            await asyncio.sleep(0.0005)
    elapsed = time.perf_counter() - started
    if task is not None:
        await task
    return elapsed


async def defer_latency(*, in_flight: int, probes: int, latency: float) -> list[float]:
    """Milliseconds to the first callback: ``in_flight`` consent clicks (each starting a
    clone), then ``probes`` /clone commands while those clones run."""
    # discord.py warns that voice (PyNaCl) is missing: irrelevant here.
    logging.getLogger("discord").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-discord-") as work:
        async with run_simulator() as sim, running_fake_discord() as fake:
            settings = make_settings(
                sim, Path(work), audio_workers=2, voices_per_member=100, preview_wait_seconds=0.5
            )
            store = await open_store(settings.database_url)
            voicebot = await build_voice_bot(settings, store)
            await voicebot.start()
            client = build_discord_client(voicebot, settings)
            await client.login("test-token")
            h = Harness(fake, sim, settings, voicebot, Clock(), client, Interactions(fake))
            try:
                people = [Person(3000000000000000000 + i, f"user{i}") for i in range(in_flight)]
                prompts = [
                    (p, prompt_of(h, await slash_clone(h, p, "voice_message.ogg"))) for p in people
                ]
                sim.state.latency_seconds = latency
                times: list[float] = []
                for person, prompt in prompts:
                    click = h.payloads.click(button(prompt, "vc:consent:"), person, prompt)
                    times.append(await _first_callback(h, click, click=True))
                for index in range(probes):
                    person = Person(3100000000000000000 + index, f"probe{index}")
                    attachment = fake.attachment("voice_message.ogg")
                    payload = h.payloads.slash(
                        "clone",
                        person,
                        [option("sample", ATTACHMENT, attachment["id"])],
                        resolved={"attachments": {attachment["id"]: attachment}},
                    )
                    times.append(await _first_callback(h, payload, click=False))
                    await asyncio.sleep(0.02)
                await h.settle(240)
            finally:
                await client.close()
                await voicebot.close()
    return [t * 1000 for t in times]


if __name__ == "__main__":
    found = asyncio.run(defer_latency(in_flight=20, probes=40, latency=0.5))
    print(sorted(found))
