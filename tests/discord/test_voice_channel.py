"""/say in a voice channel: the real discord.py voice client against the fake voice server,
with transport encryption and DAVE, the audio decrypted by a listener in the channel."""

from __future__ import annotations

import statistics
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np

from bot.say import LIVE_SAMPLE_RATE
from tests.discord.fake_voice import OPUS_SILENCE, VoiceConnection, decode_opus
from tests.discord.payloads import ALICE, STRING, Person, option
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import VOICE_CHANNEL_ID, VoiceWorld

WorldFactory = Callable[..., Awaitable[VoiceWorld]]
TEXT = "Hello everyone in the lounge, this is my cloned voice speaking to you."


async def say(world: VoiceWorld, text: str, person: Person = ALICE, **extra: Any) -> str:
    payload = world.h.payloads.slash("say", person, [option("text", STRING, text)], **extra)
    await world.h.run(payload)
    return str(payload["token"])


async def synthesised_seconds(world: VoiceWorld, text: str) -> float:
    """What the API makes of ``text``, asked directly (not through the bot)."""
    [voice] = await world.h.voicebot.list_voices(_member())
    size = 0
    async for chunk in world.h.voicebot.api.stream_text_to_speech(
        voice_id=voice.voice_id,
        transcript=text,
        model_id="async_flash_v1.0",
        container="raw",
        encoding="pcm_s16le",
        sample_rate=LIVE_SAMPLE_RATE,
    ):
        size += len(chunk)
    return size / 2 / LIVE_SAMPLE_RATE


def _member() -> Any:
    from tests.discord.helpers import member

    return member(ALICE)


def speech_gaps_ms(connection: VoiceConnection) -> list[float]:
    packets = connection.packets
    return [(b.at - a.at) * 1000 for a, b in zip(packets, packets[1:], strict=False)]


async def test_say_plays_in_the_voice_channel_end_to_end_encrypted(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    token = await say(world, TEXT)

    reply = world.h.reply_text(token)
    assert "AI voice clone of Alice" in reply
    assert f"Speaking in <#{VOICE_CHANNEL_ID}>" in reply
    assert world.bot_channel_id() == VOICE_CHANNEL_ID
    await world.idle()

    connection = world.voice.current
    assert connection.channel_id == VOICE_CHANNEL_ID
    assert world.voice.discoveries >= 1
    assert world.voice.undecryptable == 0
    [listener] = connection.listeners
    assert listener.failures == 0
    speech = connection.speech_packets()
    assert speech, "no audio reached the channel"
    # End-to-end encrypted: the transport payload is a DAVE frame, not the Opus packet.
    decrypted = [f for f in listener.frames if f != OPUS_SILENCE]
    assert len(decrypted) == len(speech)
    assert all(p.payload.endswith(b"\xfa\xfa") for p in speech)
    assert all(p.payload != f for p, f in zip(speech, decrypted, strict=True))

    audio = decode_opus(decrypted)
    expected = await synthesised_seconds(world, TEXT)
    heard = len(audio) / LIVE_SAMPLE_RATE
    assert abs(heard - expected) <= 0.1 * expected, (heard, expected)
    assert float(np.sqrt(np.mean(audio**2))) > 0.01  # not silence

    # Paced at 20 ms, contiguous sequence numbers and timestamps.
    packets = connection.packets
    assert [p.sequence for p in packets] == list(
        range(packets[0].sequence, packets[0].sequence + len(packets))
    )
    assert all(b.timestamp - a.timestamp == 960 for a, b in zip(packets, packets[1:], strict=False))
    assert 19.0 <= statistics.median(speech_gaps_ms(connection)) <= 21.0
