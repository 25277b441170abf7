"""Whole clones from every accepted format, and no API call for anything refused locally.

The real core against the Async API simulator, a temp SQLite store and the audio workers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest

from adapters.cli.output import clone_dict, clone_text
from bot.audio.quality import TIP_NOISY
from bot.audio.reading import BytesSource
from bot.errors import BotError
from bot.facade import VoiceBot, build_voice_bot
from bot.models import CloneOptions, Member
from simulator.server import RunningSimulator
from storage import open_store
from tests.audio.audio_samples import FIXTURES, read_fixture
from tests.audio.mp4_bomb import mp4_index_bomb
from tests.audio.vad_set import RATE, VAD_DIR, _at_rms_db, _fit, _load, as_wav
from tests.core.conftest import consent, make_settings

FORMATS = sorted(p.name for p in (FIXTURES / "formats").glob("speech*"))


@pytest.fixture
async def voicebot(sim: RunningSimulator, tmp_path: Path) -> AsyncIterator[VoiceBot]:
    settings = make_settings(sim, tmp_path, audio_workers=2, voices_per_member=100)
    store = await open_store(settings.database_url)
    bot = await build_voice_bot(settings, store)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


async def clone(bot: VoiceBot, data: bytes, key: str, user: str = "111") -> object:
    member = Member(platform="discord", user_id=user, community_id="900")
    return await bot.cloning.clone(
        member,
        BytesSource(data),
        idempotency_key=key,
        consent=consent(),
        options=CloneOptions(name=key[:40]),
        recorded_by=member.user_id,
    )


async def test_every_format_clones(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    for name in FORMATS:
        result = await voicebot.clone(
            Member(platform="discord", user_id="111", community_id="900"),
            BytesSource(read_fixture(f"formats/{name}")),
            idempotency_key=f"format:{name}",
            consent=consent(),
            options=CloneOptions(name=name),
            recorded_by="111",
        )
        assert result.voice.name == name
        assert result.voice.speech_seconds >= 4.0
        assert result.quality_tip is None
    assert sim.state.count("POST", "/voices/clone") == len(FORMATS)


HOSTILE = {
    "mp4-index-bomb": (mp4_index_bomb(read_fixture("speech.m4a")), {"not_audio", "too_large"}),
    "headerless-pcm": (read_fixture("formats/headerless.pcm"), {"not_audio"}),
    "hls-playlist": (
        b"#EXTM3U\n#EXTINF:6,\nfile://" + str(FIXTURES / "speech.wav").encode() + b"\n",
        {"not_audio"},
    ),
    "beeps": (
        as_wav(
            (0.3 * np.sign(np.sin(2 * np.pi * 800 * np.arange(RATE * 8) / RATE)))
            * (((np.arange(RATE * 8) / RATE * 2) % 1) < 0.3)
        ),
        {"no_speech"},
    ),
    "white-noise": (
        as_wav(0.1 * np.random.default_rng(5).standard_normal(RATE * 8).astype(np.float32)),
        {"no_speech"},
    ),
    "clipped-speech": (
        as_wav(np.clip(_fit(_load(VAD_DIR / "speech_2.flac")) * 30, -1, 1)),
        {"bad_quality"},
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
async def test_refused_locally_without_an_api_call(
    voicebot: VoiceBot, sim: RunningSimulator, case: str
) -> None:
    data, codes = HOSTILE[case]
    with pytest.raises(BotError) as caught:
        await clone(voicebot, data, f"hostile:{case}")
    assert caught.value.code in codes
    assert sim.state.count("POST", "/voices/clone") == 0
    # The pool is healthy afterwards.
    ok = await clone(voicebot, read_fixture("speech.flac"), f"after:{case}")
    assert ok is not None
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_a_weak_recording_is_cloned_with_a_tip(voicebot: VoiceBot) -> None:
    noisy = _at_rms_db(_fit(_load(VAD_DIR / "speech_1.flac")), -20.0)
    noisy = noisy + _at_rms_db(np.random.default_rng(9).standard_normal(len(noisy)), -27.0)
    result = await voicebot.clone(
        Member(platform="discord", user_id="111", community_id="900"),
        BytesSource(as_wav(np.clip(noisy, -1, 1).astype(np.float32))),
        idempotency_key="weak",
        consent=consent(),
        recorded_by="111",
    )
    assert result.quality_tip == TIP_NOISY
    assert "quieter" in clone_text(result)
    assert "quieter" in str(clone_dict(result)["quality_tip"])
