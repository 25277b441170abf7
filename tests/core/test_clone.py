"""The clone use-case against the simulator and a real SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.audio.reading import BytesSource, FileSource
from bot.cloning.clone import scoped_key
from bot.errors import BotError
from bot.facade import VoiceBot
from bot.models import CloneOptions, Member, RequestState
from simulator.server import RunningSimulator
from tests.conftest import AUDIO_FIXTURES
from tests.core.conftest import (
    ALICE,
    BOB,
    BotFactory,
    clone_fixture,
    clone_reaching,
    consent,
    orphan_request,
)


async def test_clone_stores_the_voice_and_returns_a_preview(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    stages: list[str] = []

    async def progress(stage: str) -> None:
        stages.append(stage)

    result = await voicebot.clone(
        ALICE,
        FileSource(AUDIO_FIXTURES / "voice_message.ogg"),
        idempotency_key="k1",
        consent=consent(),
        options=CloneOptions(name="Alice", accent="British"),
        recorded_by=ALICE.user_id,
        progress=progress,
    )
    assert stages == ["reading", "converting", "cloning", "preview"]
    assert result.voice.name == "Alice"
    assert result.voice.is_default
    assert result.voice.languages
    assert result.preview_url and result.preview_url.startswith(sim.url)
    assert result.preview_audio and len(result.preview_audio) > 1000
    assert sim.state.count("POST", "/voices/clone") == 1
    stored = await voicebot.list_voices(ALICE)
    assert [v.voice_id for v in stored] == [result.voice.voice_id]
    assert stored[0].speech_seconds > 3
    assert len(stored[0].sample_sha256) == 64
    audit = await voicebot.store.list_audit(platform="discord", user_id="111")
    assert [e.action for e in audit] == ["clone"]
    request = await voicebot.store.get_clone_request(scoped_key(ALICE, "k1"))
    assert request is not None and request.state is RequestState.DONE


async def test_the_second_voice_is_not_default(voicebot: VoiceBot) -> None:
    first = await clone_fixture(voicebot, voice_name="one")
    second = await clone_fixture(voicebot, name="speech.wav", voice_name="two")
    assert first.voice.is_default and not second.voice.is_default


async def test_no_consent_no_clone(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    with pytest.raises(BotError) as caught:
        await voicebot.clone(
            ALICE,
            FileSource(AUDIO_FIXTURES / "voice_message.ogg"),
            idempotency_key="k",
            consent=None,
            recorded_by=ALICE.user_id,
        )
    assert caught.value.code == "consent_required"
    assert sim.state.count("POST", "/voices/clone") == 0
    assert await voicebot.store.get_clone_request(scoped_key(ALICE, "k")) is None


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        ("one_second.ogg", "too_short"),
        ("silence.wav", "no_speech"),
        ("login_page.html", "not_audio"),
        ("image.png", "not_audio"),
        ("random.bin", "not_audio"),
        ("video_no_sound.mp4", "not_audio"),
    ],
)
async def test_bad_files_are_refused_locally(
    voicebot: VoiceBot,
    sim: RunningSimulator,
    tempdir_unchanged: Callable[[], None],
    fixture: str,
    code: str,
) -> None:
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, name=fixture, key="bad")
    assert caught.value.code == code
    assert sim.state.count("POST", "/voices/clone") == 0
    assert await voicebot.list_voices(ALICE) == []
    rows = await voicebot.store.export_rows()
    assert rows["clone_requests"] == [] and rows["consents"] == [] and rows["voices"] == []
    tempdir_unchanged()


async def test_empty_and_oversized_uploads(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot(max_upload_mb=0.01)
    for data, code in ((b"", "not_audio"), (b"\0" * 20_000, "too_large")):
        with pytest.raises(BotError) as caught:
            await voicebot.clone(
                ALICE,
                BytesSource(data),
                idempotency_key=f"k{len(data)}",
                consent=consent(),
                recorded_by=ALICE.user_id,
            )
        assert caught.value.code == code
    assert sim.state.count("POST", "/voices/clone") == 0


@pytest.mark.parametrize(
    ("api_code", "code"),
    [
        ("VOICE_CLONE_LIMIT_EXCEEDED", "clone_slots_full"),
        ("USAGE_LIMIT_EXCEEDED", "quota_exhausted"),
        ("BAD_SPEECH_QUALITY", "bad_quality"),
        ("FORMAT_NOT_RECOGNIZED", "format_rejected"),
        ("INVALID_LANGUAGE", "invalid_language"),
        ("SHORT_SPEECH_DURATION", "too_short"),
        ("FILE_TOO_LARGE", "too_large"),
        ("INVALID_API_KEY", "service_misconfigured"),
        ("VERSION_NOT_FOUND", "service_misconfigured"),
    ],
)
async def test_upstream_errors_are_mapped_and_the_request_failed(
    voicebot: VoiceBot, sim: RunningSimulator, api_code: str, code: str
) -> None:
    sim.state.inject("clone", api_code, times=5)
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, key="up")
    assert caught.value.code == code
    assert caught.value.message
    request = await voicebot.store.get_clone_request(scoped_key(ALICE, "up"))
    assert request is not None and request.state is RequestState.FAILED
    assert await voicebot.list_voices(ALICE) == []
    assert sim.state.custom_voice_count() == 0


async def test_server_errors_that_persist_leave_nothing_half_done(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    sim.state.inject("clone", "SERVER_ERROR", times=10)
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, key="down")
    assert caught.value.code == "service_unavailable"
    request = await voicebot.store.get_clone_request(scoped_key(ALICE, "down"))
    assert request is not None and request.state is RequestState.FAILED
    assert sim.state.custom_voice_count() == 0


async def test_same_idempotency_key_gives_the_first_result(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    first, second = await asyncio.gather(
        clone_fixture(voicebot, key="same"), clone_fixture(voicebot, key="same")
    )
    assert first.voice.voice_id == second.voice.voice_id
    assert sorted([first.reused, second.reused]) == [False, True]
    assert sim.state.count("POST", "/voices/clone") == 1
    again = await clone_fixture(voicebot, key="same")
    assert again.reused and again.voice.voice_id == first.voice.voice_id
    assert sim.state.count("POST", "/voices/clone") == 1
    assert len(await voicebot.list_voices(ALICE)) == 1


async def test_a_request_refused_locally_can_be_repeated(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, name="one_second.ogg", key="short")
    assert caught.value.code == "too_short"
    assert await voicebot.store.get_clone_request(scoped_key(ALICE, "short")) is None
    result = await clone_fixture(voicebot, name="voice_message.ogg", key="short")
    assert not result.reused
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_a_request_refused_by_the_api_can_be_tried_again(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    sim.state.inject("clone", "USAGE_LIMIT_EXCEEDED")
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, key="quota")
    assert caught.value.code == "quota_exhausted"
    # The operator tops the quota up; the member consents again to the same recording.
    result = await clone_fixture(voicebot, key="quota")
    assert not result.reused
    assert sim.state.count("POST", "/voices/clone") == 2
    assert len(await voicebot.list_voices(ALICE)) == 1


async def test_parallel_requests_respect_the_cooldown(make_bot: BotFactory) -> None:
    voicebot = await make_bot(clone_cooldown_seconds=60)
    results = await asyncio.gather(
        *(clone_fixture(voicebot, key=f"p{i}") for i in range(3)), return_exceptions=True
    )
    codes = sorted(r.code if isinstance(r, BotError) else "ok" for r in results)
    assert codes == ["cooldown", "cooldown", "ok"]


async def test_lost_response_adopts_the_voice(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    sim.state.drop_clone_response()
    result = await clone_fixture(voicebot, key="lost")
    assert sim.state.custom_voice_count() == 1
    assert [v.voice_id for v in await voicebot.list_voices(ALICE)] == [result.voice.voice_id]


async def test_voice_limit_per_member(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot(voices_per_member=1)
    await clone_fixture(voicebot)
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot)
    assert caught.value.code == "voice_limit_reached"
    await clone_fixture(voicebot, member=BOB)
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_cooldown_per_member(make_bot: BotFactory) -> None:
    voicebot = await make_bot(clone_cooldown_seconds=60)
    await clone_fixture(voicebot)
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot)
    assert caught.value.code == "cooldown"
    assert "Try again in" in caught.value.message
    await clone_fixture(voicebot, member=BOB)


async def test_busy_when_the_queue_is_full(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot(max_concurrent_clones=1, clone_queue_size=0)
    sim.state.latency_seconds = 0.5
    results = await asyncio.gather(
        clone_fixture(voicebot, member=ALICE),
        clone_fixture(voicebot, member=BOB),
        return_exceptions=True,
    )
    codes = sorted(r.code if isinstance(r, BotError) else "ok" for r in results)
    assert codes == ["busy", "ok"]


async def test_community_rules_apply(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    admin = Member("discord", "999", "900", is_admin=True)
    await voicebot.update_community_settings(admin, {"clone_enabled": "off"})
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot)
    assert caught.value.code == "disabled_here"
    await voicebot.update_community_settings(admin, {"clone_enabled": "on", "required_role": "42"})
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot)
    assert caught.value.code == "not_allowed"
    with_role = Member("discord", "111", "900", roles=frozenset({"42"}))
    await clone_fixture(voicebot, member=with_role)
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_reconcile_adopts_or_fails_orphans(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    store = voicebot.store
    await orphan_request(voicebot, sim, "orphan-made", voice_made=True)
    await orphan_request(voicebot, sim, "orphan-lost", voice_made=False)
    assert await voicebot.cloning.reconcile() == 2
    made = await store.get_clone_request(scoped_key(ALICE, "orphan-made"))
    lost = await store.get_clone_request(scoped_key(ALICE, "orphan-lost"))
    assert made is not None and made.state is RequestState.DONE
    assert lost is not None and lost.state is RequestState.FAILED
    assert len(await voicebot.list_voices(ALICE)) == 1
    assert await voicebot.cloning.reconcile() == 0


async def test_drain_lets_a_clone_under_way_finish(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    sim.state.latency_seconds = 0.3
    clone = await clone_reaching(voicebot, "reading", key="drain")
    draining = asyncio.create_task(voicebot.drain())
    await asyncio.sleep(0)
    # Meanwhile a new clone is turned away, with a message that says why.
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, member=BOB)
    assert caught.value.code == "service_unavailable"
    assert "restarting" in caught.value.message
    await asyncio.wait_for(draining, 20)
    result = await clone
    assert result.voice.voice_id in sim.state.voices
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_maintenance_settles_orphans_while_running(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    await orphan_request(voicebot, sim, "late", voice_made=True)
    task = asyncio.create_task(voicebot.maintain(interval=0.05))
    try:
        for _ in range(200):
            if await voicebot.list_voices(ALICE):
                break
            await asyncio.sleep(0.05)
    finally:
        task.cancel()
    request = await voicebot.store.get_clone_request(scoped_key(ALICE, "late"))
    assert request is not None and request.state is RequestState.DONE


async def test_repeat_keys_belong_to_one_member(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    """The same key from two members is two recordings: nobody is handed another's voice."""
    alices = await clone_fixture(voicebot, ALICE, key="shared-file")
    bobs = await clone_fixture(voicebot, BOB, key="shared-file")
    again = await clone_fixture(voicebot, ALICE, key="shared-file")

    assert bobs.voice.voice_id != alices.voice.voice_id
    assert bobs.voice.user_id == BOB.user_id and not bobs.reused
    assert again.reused and again.voice.voice_id == alices.voice.voice_id
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_someone_elses_recording_is_refused_before_anything_is_spent(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    with pytest.raises(BotError) as caught:
        await voicebot.clone(
            BOB,
            FileSource(AUDIO_FIXTURES / "voice_message.ogg"),
            idempotency_key="alices-file",
            consent=consent(),
            recorded_by=ALICE.user_id,
        )
    assert caught.value.code == "not_owner"
    assert sim.state.count("POST", "/voices/clone") == 0
    assert await voicebot.store.get_clone_request(scoped_key(BOB, "alices-file")) is None
