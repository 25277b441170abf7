"""The README's "Rules that always hold", each written once and checked on every platform."""

from __future__ import annotations

import json

from bot.members.prompts import ConsentExpired, NotYourButton
from tests.rules.platforms import CLONES, Outcome, Platform


async def clone_own_voice(platform: Platform, who: str = "alice") -> Outcome:
    prompt = await platform.offer(who, platform.recording(by=who))
    done = await platform.consent(who, prompt)
    assert done.code is None, done.text
    return done


async def voice_ids(platform: Platform, who: str) -> list[str]:
    return [v.voice_id for v in await platform.voicebot.list_voices(platform.member(who))]


async def test_only_ones_own_recording(chat_platform: Platform) -> None:
    platform = chat_platform
    alices = platform.recording(by="alice")

    refused = await platform.offer("bob", alices)

    assert refused.code == "not_owner", refused.text
    assert "someone else" in refused.text
    assert refused.prompt is None
    assert platform.sim.state.count(*CLONES) == 0
    assert platform.downloads() == 0
    assert await voice_ids(platform, "bob") == []
    # The one who recorded it can.
    await platform.consent("alice", await platform.offer("alice", alices))
    assert platform.sim.state.count(*CLONES) == 1


async def test_only_ones_own_voices(platform: Platform) -> None:
    await clone_own_voice(platform, "alice")
    [alices_voice] = await voice_ids(platform, "alice")

    refused = await platform.preview("bob", alices_voice)

    assert refused.code == "not_owner", refused.text
    assert await voice_ids(platform, "alice") == [alices_voice]
    assert platform.sim.state.count("GET", f"/voices/{alices_voice}") == 0


async def test_one_recording_one_voice_per_member(platform: Platform) -> None:
    recording = platform.recording(by="alice")
    first = await platform.offer("alice", recording)
    again = await platform.offer("alice", recording)

    await platform.consent("alice", first)
    repeated = await platform.consent("alice", again)

    assert repeated.code is None, repeated.text
    assert platform.sim.state.count(*CLONES) == 1
    assert len(await voice_ids(platform, "alice")) == 1
    # Another member's own recording is theirs: a voice of their own.
    await clone_own_voice(platform, "bob")
    assert platform.sim.state.count(*CLONES) == 2
    assert len(await voice_ids(platform, "bob")) == 1


async def test_nothing_spent_before_consent(platform: Platform) -> None:
    prompt = await platform.offer("alice", platform.recording(by="alice"))

    assert prompt.prompt is not None, prompt.text
    assert platform.sim.state.count(*CLONES) == 0
    assert platform.downloads() == 0
    assert await voice_ids(platform, "alice") == []

    await platform.consent("alice", prompt)
    assert platform.sim.state.count(*CLONES) == 1


async def test_forget_me_erases(platform: Platform) -> None:
    await clone_own_voice(platform, "alice")
    await clone_own_voice(platform, "bob")
    [alices_voice] = await voice_ids(platform, "alice")

    erased = await platform.forget("alice")

    assert erased.code is None, erased.text
    assert await voice_ids(platform, "alice") == []
    assert platform.sim.state.count("DELETE", f"/voices/{alices_voice}") == 1
    assert platform.sim.state.custom_voice_count() == 1  # Bob's
    assert len(await voice_ids(platform, "bob")) == 1


async def test_foreign_and_used_buttons_get_the_same_answer(chat_platform: Platform) -> None:
    platform = chat_platform
    prompt = await platform.offer("alice", platform.recording(by="alice"))

    foreign = await platform.consent("bob", prompt)
    await platform.consent("alice", prompt)
    reused = await platform.consent("alice", prompt)

    assert foreign.code == "not_owner"
    assert NotYourButton.default_message in foreign.text
    assert reused.code == "consent_required"
    assert ConsentExpired.default_message in reused.text
    assert platform.sim.state.count(*CLONES) == 1


async def test_names_are_cleaned_like_say_text(platform: Platform) -> None:
    typed = "[Claim Nitro](https://evil.example/login) @everyone \u202etxt.exe Tom & Jerry"

    done = await platform.clone_named("alice", typed)

    assert done.code is None, done.text
    [voice] = await platform.voicebot.list_voices(platform.member("alice"))
    assert voice.name == "Claim Nitro txt.exe Tom & Jerry"
    assert "evil.example" not in done.text and "@everyone" not in done.text


async def test_a_member_can_see_everything_held_about_them(platform: Platform) -> None:
    await clone_own_voice(platform, "alice")
    await clone_own_voice(platform, "bob")
    [alices_voice] = await voice_ids(platform, "alice")
    [bobs_voice] = await voice_ids(platform, "bob")
    alice, bob = platform.member("alice"), platform.member("bob")

    answer = await platform.my_data("alice")

    assert answer.code is None, answer.text
    document = answer.prompt
    assert document["version"] == 1
    assert document["member"] == {"platform": alice.platform, "user_id": alice.user_id}
    assert [v["voice_id"] for v in document["voices"]] == [alices_voice]
    [consent] = document["consents"]
    assert consent["statement"]["exact"] is True
    assert consent["statement"]["text"], consent
    assert consent["sample_sha256"] == document["voices"][0]["sample_sha256"]
    [request] = document["clone_requests"]
    assert request["state"] == "done"
    assert "marker" not in request
    text = json.dumps(document)
    assert bobs_voice not in text
    assert bob.user_id not in text
    if platform.name != "cli":
        # One a minute on a chat platform.
        again = await platform.my_data("alice")
        assert again.code == "cooldown", again.text
        assert again.prompt is None
