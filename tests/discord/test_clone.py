"""The three ways to clone on Discord, consent and its refusals, and exactly-once cloning."""

from __future__ import annotations

from datetime import timedelta

from tests.discord.conftest import Harness, HarnessFactory
from tests.discord.helpers import (
    bot_posts_in_dm,
    button,
    dm_voice_message,
    followups,
    last_bot_message,
    member,
    press,
    prompt_of,
    slash_clone,
)
from tests.discord.payloads import ALICE, BOB, STRING, dm_channel_id, option, user_message

CLONES = ("POST", "/voices/clone")


def assert_clone_result(h: Harness, token: str) -> None:
    final = h.last_edit(token)
    assert "is ready" in (final.content or "")
    assert "Preview: http" in (final.content or "")
    assert "Languages:" in (final.content or "")
    assert [u.filename for u in final.uploads] == ["preview.mp3"]
    assert final.uploads[0].data  # the preview plays in place
    assert final.json["components"] == []  # the buttons are gone


async def test_slash_clone_asks_consent_then_clones(h: Harness) -> None:
    payload = await slash_clone(h, ALICE, "speech.wav", extra=[option("name", STRING, "Narrator")])

    callback = h.fake.find("POST", rf"/interactions/{payload['id']}/")[0]
    assert callback.json == {"type": 5, "data": {"flags": 64}}  # deferred first, ephemeral
    assert callback.query == {"with_response": "1"}
    prompt = prompt_of(h, payload)
    assert h.voicebot.consent_statement in prompt["content"]
    assert button(prompt, "vc:consent:") and button(prompt, "vc:cancel:")
    assert h.sim.state.count(*CLONES) == 0  # nothing spent before consent

    click = await press(h, prompt, "vc:consent:", ALICE)

    assert h.fake.find("POST", rf"/interactions/{click['id']}/")[0].json == {"type": 6}
    assert_clone_result(h, click["token"])
    assert "Narrator" in (h.last_edit(click["token"]).content or "")
    progress = [c.content for c in h.fake.find("PATCH", rf"/{click['token']}/messages/@original")]
    assert any("Converting" in (text or "") for text in progress)
    assert any("Cloning" in (text or "") for text in progress)
    voices = await h.voicebot.list_voices(member(ALICE))
    assert [v.name for v in voices] == ["Narrator"]
    assert h.sim.state.count(*CLONES) == 1


async def test_clone_this_voice_on_own_voice_message(h: Harness) -> None:
    target = user_message(
        h.fake, ALICE, [h.fake.attachment("voice_message.ogg", voice=True)], in_guild=True,
        voice=True,
    )  # fmt: skip
    menu = h.payloads.message_menu("Clone this voice", ALICE, target)
    await h.run(menu)
    prompt = prompt_of(h, menu)
    assert h.voicebot.consent_statement in prompt["content"]

    click = await press(h, prompt, "vc:consent:", ALICE)

    assert_clone_result(h, click["token"])
    assert len(await h.voicebot.list_voices(member(ALICE))) == 1


async def test_clone_this_voice_on_someone_elses_message_is_refused(h: Harness) -> None:
    target = user_message(
        h.fake, ALICE, [h.fake.attachment("voice_message.ogg", voice=True)], in_guild=True,
        voice=True,
    )  # fmt: skip
    menu = h.payloads.message_menu("Clone this voice", BOB, target)
    await h.run(menu)

    reply = prompt_of(h, menu)
    assert "someone else" in reply["content"]
    assert reply["content"].endswith("-# not_owner")
    assert reply["components"] == []
    assert h.sim.state.count(*CLONES) == 0


async def test_dm_voice_message_asks_consent_then_clones(h: Harness) -> None:
    mark = h.mark()
    message = dm_voice_message(h, ALICE)
    await h.deliver(message)

    [post] = bot_posts_in_dm(h, ALICE, mark)
    assert h.voicebot.consent_statement in (post.content or "")
    assert str(post.json["message_reference"]["message_id"]) == message["id"]
    assert post.json["allowed_mentions"]["parse"] == []
    prompt = last_bot_message(h, dm_channel_id(ALICE))

    click = await press(h, prompt, "vc:consent:", ALICE, in_guild=False)

    assert_clone_result(h, click["token"])
    voices = await h.voicebot.list_voices(member(ALICE, in_guild=False))
    assert len(voices) == 1


async def test_dm_message_delivered_twice_is_answered_once(h: Harness) -> None:
    mark = h.mark()
    message = dm_voice_message(h, ALICE)
    await h.deliver(message)
    await h.deliver(message)  # a gateway resume replays it
    assert len(bot_posts_in_dm(h, ALICE, mark)) == 1


async def test_dm_without_attachment_gets_help(h: Harness) -> None:
    mark = h.mark()
    await h.deliver(user_message(h.fake, ALICE, [], in_guild=False, content="hello"))
    [post] = bot_posts_in_dm(h, ALICE, mark)
    assert "voice message" in (post.content or "")


async def test_double_click_clones_once(h: Harness) -> None:
    payload = await slash_clone(h, ALICE)
    prompt = prompt_of(h, payload)
    consent = button(prompt, "vc:consent:")
    first = h.payloads.click(consent, ALICE, prompt)
    second = h.payloads.click(consent, ALICE, prompt)
    h.client._connection.parse_interaction_create(first)  # type: ignore[arg-type]
    h.client._connection.parse_interaction_create(second)  # type: ignore[arg-type]
    await h.settle()

    assert h.sim.state.count(*CLONES) == 1
    answered = [followups(h, first["token"]), followups(h, second["token"])]
    refused = [calls for calls in answered if calls]
    assert len(refused) == 1
    assert "-# consent_required" in (refused[0][0].content or "")
    assert refused[0][0].json["flags"] == 64
    assert len(await h.voicebot.list_voices(member(ALICE))) == 1


async def test_click_by_someone_else_is_refused(h: Harness) -> None:
    payload = await slash_clone(h, ALICE)
    prompt = prompt_of(h, payload)

    bobs = await press(h, prompt, "vc:consent:", BOB)

    [refusal] = followups(h, bobs["token"])
    assert "Only the person who asked" in (refusal.content or "")
    assert (refusal.content or "").endswith("-# not_owner")
    assert refusal.json["flags"] == 64
    assert h.sim.state.count(*CLONES) == 0
    # The prompt is untouched and still works for its owner.
    alices = await press(h, prompt, "vc:consent:", ALICE)
    assert_clone_result(h, alices["token"])


async def test_cancel_sends_nothing(h: Harness) -> None:
    payload = await slash_clone(h, ALICE)
    prompt = prompt_of(h, payload)

    cancel = await press(h, prompt, "vc:cancel:", ALICE)
    assert "Cancelled" in (h.last_edit(cancel["token"]).content or "")

    late = await press(h, prompt, "vc:consent:", ALICE)
    [refusal] = followups(h, late["token"])
    assert "-# consent_required" in (refusal.content or "")
    assert h.sim.state.count(*CLONES) == 0


async def test_consent_expires(h: Harness) -> None:
    payload = await slash_clone(h, ALICE)
    h.clock.offset = timedelta(seconds=h.settings.consent_ttl_seconds + 1)

    click = await press(h, prompt_of(h, payload), "vc:consent:", ALICE)

    [refusal] = followups(h, click["token"])
    assert "expired" in (refusal.content or "")
    assert "-# consent_required" in (refusal.content or "")
    assert h.sim.state.count(*CLONES) == 0


async def test_slash_request_after_restart_asks_to_run_clone_again(h: Harness) -> None:
    payload = await slash_clone(h, ALICE)
    prompt = prompt_of(h, payload)
    await h.restart()  # the upload lived only in the old process

    click = await press(h, prompt, "vc:consent:", ALICE)

    final = h.last_edit(click["token"])
    assert "Run /clone again" in (final.content or "")
    assert (final.content or "").endswith("-# consent_required")
    assert h.sim.state.count(*CLONES) == 0


async def test_dm_request_survives_restart(h: Harness) -> None:
    message = dm_voice_message(h, ALICE)
    await h.deliver(message)
    prompt = last_bot_message(h, dm_channel_id(ALICE))
    await h.restart()
    mark = h.mark()

    click = await press(h, prompt, "vc:consent:", ALICE, in_guild=False)

    # The new process found the recording again by re-fetching the message.
    assert h.fake.find("GET", rf"/channels/{dm_channel_id(ALICE)}/messages/{message['id']}", mark)
    assert_clone_result(h, click["token"])


async def test_same_recording_consented_twice_clones_once(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    message = dm_voice_message(h, ALICE)
    for _ in range(2):
        menu = h.payloads.message_menu("Clone this voice", ALICE, message, in_guild=False)
        await h.run(menu)
        await press(h, prompt_of(h, menu), "vc:consent:", ALICE, in_guild=False)
    assert h.sim.state.count(*CLONES) == 1
    assert len(await h.voicebot.list_voices(member(ALICE, in_guild=False))) == 1
