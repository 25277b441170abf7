"""After the clone: list, preview, rename, default, delete, say, forget-me, community settings."""

from __future__ import annotations

import pytest

from bot.audio.reading import FileSource
from bot.cloning.clone_intent import AudioFetcher, CloneIntent, SourceRef
from bot.errors import BotError
from bot.facade import VoiceBot
from bot.models import CloneOptions, Member
from bot.ports import AudioSource
from bot.speech.text import sanitise
from simulator.server import RunningSimulator
from tests.conftest import AUDIO_FIXTURES
from tests.core.conftest import ALICE, BOB, BotFactory, clone_fixture, clone_reaching

ADMIN = Member("discord", "999", "900", is_admin=True)


async def actions(voicebot: VoiceBot, member: Member = ALICE) -> list[str]:
    entries = await voicebot.store.list_audit(platform=member.platform, user_id=member.user_id)
    return [e.action for e in reversed(entries)]


async def test_list_preview_rename_default_delete(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    one = (await clone_fixture(voicebot, voice_name="One")).voice
    two = (await clone_fixture(voicebot, name="speech.wav", voice_name="Two")).voice
    listed = await voicebot.list_voices(ALICE)
    assert [(v.name, v.is_default) for v in listed] == [("One", True), ("Two", False)]

    first = await voicebot.preview(ALICE, "two")
    second = await voicebot.preview(ALICE, two.voice_id)
    assert first.voice.voice_id == two.voice_id
    assert first.url and second.url and first.audio
    assert sim.state.count("GET", f"/voices/preview/{two.voice_id}") >= 2

    renamed = await voicebot.rename(ALICE, "Two", "  Evening   voice ", "for stories")
    assert renamed.name == "Evening voice"
    assert sim.state.voices[two.voice_id].name == "Evening voice"

    made_default = await voicebot.make_default(ALICE, "evening voice")
    assert made_default.is_default
    flags = {v.name: v.is_default for v in await voicebot.list_voices(ALICE)}
    assert flags == {"One": False, "Evening voice": True}

    deleted = await voicebot.delete_voice(ALICE, two.voice_id)
    assert deleted.voice_id == two.voice_id
    assert two.voice_id not in sim.state.voices
    remaining = await voicebot.list_voices(ALICE)
    assert [(v.voice_id, v.is_default) for v in remaining] == [(one.voice_id, True)]
    assert await actions(voicebot) == [
        "clone",
        "clone",
        "preview",
        "preview",
        "rename",
        "default",
        "delete",
    ]


async def test_nobody_else_can_touch_a_voice(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    voice = (await clone_fixture(voicebot, voice_name="Mine")).voice
    for call in (
        voicebot.preview(BOB, voice.voice_id),
        voicebot.rename(BOB, voice.voice_id, "Stolen"),
        voicebot.make_default(BOB, voice.voice_id),
        voicebot.delete_voice(BOB, voice.voice_id),
        voicebot.say(BOB, "hello", voice.voice_id),
    ):
        with pytest.raises(BotError) as caught:
            await call
        assert caught.value.code == "not_owner"
    # The same user id on another platform is another member.
    with pytest.raises(BotError) as caught:
        await voicebot.delete_voice(Member("slack", "111", "T1"), voice.voice_id)
    assert caught.value.code == "not_owner"
    # A name only matches among one's own voices.
    with pytest.raises(BotError) as caught:
        await voicebot.preview(BOB, "Mine")
    assert caught.value.code == "voice_not_found"
    assert voice.voice_id in sim.state.voices
    assert sim.state.count("DELETE", "/voices/") == 0


async def test_unknown_voice_and_no_voice_yet(voicebot: VoiceBot) -> None:
    for ref in ("nope", None):
        with pytest.raises(BotError) as caught:
            await voicebot.preview(ALICE, ref)
        assert caught.value.code == "voice_not_found"


async def test_rename_refused_upstream_is_mapped(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    voice = (await clone_fixture(voicebot, voice_name="Mine")).voice
    sim.state.inject("update", "VOICE_FIELD_UPDATE_NOT_ALLOWED", extra={"field": "name"})
    with pytest.raises(BotError) as caught:
        await voicebot.rename(ALICE, voice.voice_id, "Other")
    assert caught.value.code == "not_allowed"
    assert (await voicebot.list_voices(ALICE))[0].name == "Mine"


async def test_delete_when_the_api_fails_keeps_the_record(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    voice = (await clone_fixture(voicebot)).voice
    sim.state.inject("delete", "SERVER_ERROR", times=10)
    with pytest.raises(BotError) as caught:
        await voicebot.delete_voice(ALICE, voice.voice_id)
    assert caught.value.code == "service_unavailable"
    assert voice.voice_id in sim.state.voices
    assert [v.voice_id for v in await voicebot.list_voices(ALICE)] == [voice.voice_id]
    sim.state.clear_faults()
    await voicebot.delete_voice(ALICE, voice.voice_id)
    assert await voicebot.list_voices(ALICE) == []


async def test_delete_of_a_voice_already_gone_upstream(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    voice = (await clone_fixture(voicebot)).voice
    del sim.state.voices[voice.voice_id]
    deleted = await voicebot.delete_voice(ALICE, voice.voice_id)
    assert deleted.voice_id == voice.voice_id
    assert await voicebot.list_voices(ALICE) == []
    audit = await voicebot.store.list_audit(platform="discord", user_id="111", limit=1)
    assert audit[0].detail == {"already_gone_upstream": True}


async def test_say_speaks_with_the_default_voice(voicebot: VoiceBot, sim: RunningSimulator) -> None:
    voice = (await clone_fixture(voicebot, voice_name="Mine")).voice
    speech = await voicebot.say(
        ALICE,
        "Call <@222> at <digits>123</digits> <break time='400ms'/> https://x.io now @everyone",
    )
    assert speech.voice.voice_id == voice.voice_id
    assert speech.content_type == "audio/mpeg"
    assert speech.audio[:3] == b"ID3" or speech.audio[0] == 0xFF
    assert speech.text == "Call at <digits>123</digits> <break time='400ms'/> now"
    label = speech.label("<@111>")
    assert "AI voice clone" in label and "<@111>" in label
    assert sim.state.count("POST", "/text_to_speech") == 1
    assert (await actions(voicebot))[-1] == "say"


async def test_say_limits_and_quota(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot(say_max_chars=20, say_cooldown_seconds=60)
    await clone_fixture(voicebot)
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "x" * 21)
    assert caught.value.code == "not_allowed"
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "<@222> https://example.com")
    assert caught.value.code == "not_allowed"
    sim.state.tts_quota_chars = 3
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "hello there")
    assert caught.value.code == "quota_exhausted"
    # Nothing was said, so no cooldown was spent.
    sim.state.tts_quota_chars = None
    await voicebot.say(ALICE, "hello again")
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "and again")
    assert caught.value.code == "cooldown"


async def test_say_without_a_voice(voicebot: VoiceBot) -> None:
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "hello")
    assert caught.value.code == "voice_not_found"


def test_sanitise_keeps_api_markup_only() -> None:
    assert (
        sanitise("<b>hi</b> <phonemes>həˈloʊ</phonemes>\x00\x07")
        == "hi <phonemes>həˈloʊ</phonemes>"
    )
    assert sanitise("<!here> <#C123|general> <https://a.b|link> ok") == "link ok"
    assert sanitise("@here @everyone <@&55> <:smile:123>") == ""


async def test_forget_me_interrupted_then_finished(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    await clone_fixture(voicebot, voice_name="a")
    await clone_fixture(voicebot, name="speech.wav", voice_name="b")
    bob_voice = (await clone_fixture(voicebot, member=BOB)).voice
    # The API fails on the second delete: the first voice is gone, the second kept.
    original = voicebot.api.delete_voice
    calls = 0

    async def flaky(voice_id: str) -> bool:
        nonlocal calls
        calls += 1
        if calls == 2:
            sim.state.inject("delete", "SERVER_ERROR", times=10)
        return await original(voice_id)

    voicebot.api.delete_voice = flaky  # type: ignore[method-assign]
    with pytest.raises(BotError):
        await voicebot.forget(ALICE)
    assert len(await voicebot.list_voices(ALICE)) == 1
    sim.state.clear_faults()
    report = await voicebot.forget(ALICE)
    assert len(report.voice_ids) == 1
    assert await voicebot.list_voices(ALICE) == []
    assert sim.state.custom_voice_count() == 1
    assert bob_voice.voice_id in sim.state.voices
    rows = await voicebot.store.export_rows()
    dumped = repr({t: r for t, r in rows.items()})
    assert "'111'" not in dumped
    forget_entries = [r for r in rows.get("audit_log", []) if r.get("action") == "forget"]
    assert len(forget_entries) == 1
    again = await voicebot.forget(ALICE)
    assert again.voice_ids == []


async def test_community_settings_are_for_admins(voicebot: VoiceBot) -> None:
    with pytest.raises(BotError) as caught:
        await voicebot.update_community_settings(ALICE, {"say_enabled": "off"})
    assert caught.value.code == "not_allowed"
    with pytest.raises(BotError) as caught:
        await voicebot.community_settings(ALICE)
    assert caught.value.code == "not_allowed"
    changed = await voicebot.update_community_settings(
        ADMIN, {"say_enabled": "off", "voices_per_member": "2", "allowed_members": "111 333"}
    )
    assert changed.say_enabled is False and changed.voices_per_member == 2
    assert changed.allowed_members == ("111", "333")
    with pytest.raises(BotError) as caught:
        await voicebot.update_community_settings(ADMIN, {"voices_per_member": "1000"})
    assert caught.value.code == "not_allowed"
    with pytest.raises(BotError) as caught:
        await voicebot.update_community_settings(ADMIN, {"colour": "blue"})
    assert "Unknown setting" in caught.value.message
    with pytest.raises(BotError) as caught:
        await voicebot.say(ALICE, "hello")
    assert caught.value.code == "disabled_here"
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, member=BOB)
    assert caught.value.code == "not_allowed"
    audit = await voicebot.store.list_audit(platform="discord", user_id="999")
    assert [e.action for e in audit] == ["admin_settings"]


def own_source(member: Member = ALICE, recorded_by: str | None = None) -> SourceRef:
    return SourceRef(
        kind="message", item_id="7", message_id="5", recorded_by=recorded_by or member.user_id
    )


def fixture_fetcher(name: str = "voice_message.ogg") -> AudioFetcher:
    async def fetch(source: SourceRef) -> AudioSource:
        return FileSource(AUDIO_FIXTURES / name)

    return fetch


async def test_pending_consent_only_for_its_member_and_once(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    intent = CloneIntent(own_source(), CloneOptions(name="n"))
    action = await voicebot.ask_consent(ALICE, intent)
    with pytest.raises(BotError) as caught:
        await voicebot.consent_given(action.token, BOB, fixture_fetcher())
    assert caught.value.code == "not_owner"
    result = await voicebot.consent_given(action.token, ALICE, fixture_fetcher())
    assert result.voice.name == "n"
    with pytest.raises(BotError) as caught:
        await voicebot.consent_given(action.token, ALICE, fixture_fetcher())
    assert caught.value.code == "consent_required"
    # A forget-me confirmation is no consent, and a consent prompt confirms no forget-me.
    forget = await voicebot.ask_forget(ALICE)
    with pytest.raises(BotError) as caught:
        await voicebot.consent_given(forget.token, ALICE, fixture_fetcher())
    assert caught.value.code == "consent_required"
    prompt = await voicebot.ask_consent(ALICE, intent)
    with pytest.raises(BotError) as caught:
        await voicebot.forget_confirmed(prompt.token, ALICE)
    assert caught.value.code == "consent_required"
    assert len(await voicebot.list_voices(ALICE)) == 1
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_forget_me_waits_for_a_clone_under_way(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    sim.state.latency_seconds = 0.5
    task = await clone_reaching(voicebot, "cloning")
    with pytest.raises(BotError) as caught:
        await voicebot.forget(ALICE)
    assert caught.value.code == "busy"
    await task
    report = await voicebot.forget(ALICE)
    assert len(report.voice_ids) == 1
    assert sim.state.custom_voice_count() == 0


async def test_a_clone_finishing_after_an_erase_deletes_its_voice(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    sim.state.latency_seconds = 0.5
    task = await clone_reaching(voicebot, "cloning")
    # The erase lands between the API call and the bookkeeping (another instance, say).
    await voicebot.store.forget_member("discord", "111", "anon-test")
    with pytest.raises(BotError) as caught:
        await task
    assert caught.value.code == "consent_required"
    assert sim.state.custom_voice_count() == 0
    assert await voicebot.list_voices(ALICE) == []


async def test_only_ones_own_recording_and_a_sane_name(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    with pytest.raises(BotError) as caught:
        await voicebot.ask_consent(
            ALICE, CloneIntent(own_source(recorded_by="222"), CloneOptions())
        )
    assert caught.value.code == "not_owner"
    with pytest.raises(BotError) as caught:
        await voicebot.ask_consent(ALICE, CloneIntent(own_source(), CloneOptions(name="x" * 81)))
    assert caught.value.code == "not_allowed"
    with pytest.raises(BotError) as caught:
        await clone_fixture(voicebot, voice_name="  ")
    assert caught.value.code == "not_allowed"
    assert sim.state.count("POST", "/voices/clone") == 0
    action = await voicebot.ask_consent(ALICE, CloneIntent(own_source(), CloneOptions()))
    assert action.kind == "clone"


async def test_a_prompt_stored_by_an_older_version_answers_consent_required(
    voicebot: VoiceBot, sim: RunningSimulator
) -> None:
    """Payloads are read defensively: an old or damaged one clones nothing."""
    for payload in ({"source": {"file_id": "F1"}, "options": {}}, {"source": "x"}, {}):
        action = await voicebot.pending.create(ALICE, "clone", payload)
        with pytest.raises(BotError) as caught:
            await voicebot.consent_given(action.token, ALICE, fixture_fetcher())
        assert caught.value.code == "consent_required"
    assert sim.state.count("POST", "/voices/clone") == 0
