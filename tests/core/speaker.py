"""A bot process speaking in a voice channel, for the forget-me tests: the real core on the
given database, the simulator's speech, and a player that keeps "playing" what it received
until it is interrupted (as a voice channel plays its buffer long after synthesis ended).

``python -m tests.core.speaker DATABASE_URL API_URL API_KEY PLATFORM USER_ID`` prints
``playing`` once the speech plays, then ``stopped`` when it is interrupted."""

from __future__ import annotations

import asyncio
import sys

from bot.app.settings import load_settings
from bot.facade import build_voice_bot
from bot.models import Member
from storage import open_store
from tests.core.test_voice_queue import HeldOutput

TEXT = "This is my cloned voice, speaking for a good while in the voice channel."


async def speak(database_url: str, api_url: str, api_key: str, member: Member) -> None:
    settings = load_settings(
        _env_file=None,
        async_api_key=api_key,
        async_api_base_url=api_url,
        database_url=database_url,
        say_cooldown_seconds=0,
        audio_workers=1,
    )
    voicebot = await build_voice_bot(settings, await open_store(database_url))
    try:
        await voicebot.start(warm_audio=False)
        output = HeldOutput()
        queue = voicebot.voice.open("speaker", output)
        await voicebot.say_in_voice(member, TEXT, None, queue)
        # "playing" once the audio is in the player's buffer: its speech lease is taken then.
        while not output.played:  # noqa: ASYNC110 - filled by the queue's task
            await asyncio.sleep(0.01)
        assert output.played[0][1] > 0, "the speech was refused before it began"
        print("playing", flush=True)
        # Only an interruption ends this player: the test waits for this line, bounded.
        await output.interrupted.wait()
        print("stopped", flush=True)
        await queue.close("done")
    finally:
        await voicebot.close()


def main() -> None:
    database_url, api_url, api_key, platform, user_id = sys.argv[1:6]
    asyncio.run(speak(database_url, api_url, api_key, Member(platform, user_id)))


if __name__ == "__main__":
    main()
