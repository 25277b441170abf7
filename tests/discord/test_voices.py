"""Voice management: /voices and its buttons, /voice …, autocomplete, /forget-me."""

from __future__ import annotations

from pathlib import Path

from bot.audio.reading import FileSource
from bot.models import CloneOptions, VoiceRecord
from tests.discord.conftest import Harness
from tests.discord.helpers import button, followups, member, press
from tests.discord.payloads import ALICE, BOB, STRING, option

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audio"


async def clone_directly(h: Harness, name: str, fixture: str) -> VoiceRecord:
    """A voice made through the core: these tests are about managing it."""
    result = await h.voicebot.clone(
        member(ALICE),
        FileSource(FIXTURES / fixture),
        idempotency_key=f"test:{name}",
        consent=h.voicebot.consent_now(),
        options=CloneOptions(name=name),
        recorded_by=str(ALICE.id),
    )
    return result.voice


async def two_voices(h: Harness) -> tuple[VoiceRecord, VoiceRecord]:
    return await clone_directly(h, "First", "speech.wav"), await clone_directly(
        h, "Second", "speech.flac"
    )


async def test_voices_lists_with_buttons(h: Harness) -> None:
    first, second = await two_voices(h)
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)

    reply = h.fake.originals[payload["token"]]
    assert "**First** ⭐ default" in reply["content"]
    assert "**Second**" in reply["content"]
    ids = [c["custom_id"] for row in reply["components"] for c in row["components"]]
    assert f"vc:voice:play:{first.voice_id}" in ids
    assert f"vc:voice:default:{first.voice_id}" not in ids  # already the default
    assert f"vc:voice:default:{second.voice_id}" in ids
    assert f"vc:voice:delete:{second.voice_id}" in ids


async def test_voices_when_there_are_none(h: Harness) -> None:
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)
    assert "no cloned voice yet" in h.reply_text(payload["token"])


async def test_voice_buttons(h: Harness) -> None:
    first, second = await two_voices(h)
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)
    listing = h.fake.originals[payload["token"]]

    play = await press(h, listing, f"vc:voice:play:{second.voice_id}", ALICE)
    callback = h.fake.find("POST", rf"/interactions/{play['id']}/")[0]
    assert callback.json == {"type": 5, "data": {"flags": 64}}
    shown = h.last_edit(play["token"])
    assert "Second" in (shown.content or "")
    assert [u.filename for u in shown.uploads] == ["preview.mp3"]

    await press(h, listing, f"vc:voice:default:{second.voice_id}", ALICE)
    voices = {v.name: v for v in await h.voicebot.list_voices(member(ALICE))}
    assert voices["Second"].is_default and not voices["First"].is_default

    delete = await press(h, listing, f"vc:voice:delete:{first.voice_id}", ALICE)
    refreshed = h.last_edit(delete["token"])
    assert "Deleted **First**" in (refreshed.content or "")
    # The list itself is updated: no button left for the deleted voice.
    ids = [c["custom_id"] for row in refreshed.json["components"] for c in row["components"]]
    assert ids and not any(first.voice_id in i for i in ids)
    callback = h.fake.find("POST", rf"/interactions/{delete['id']}/")[0]
    assert callback.json["type"] == 6  # an update of the clicked message
    assert [v.name for v in await h.voicebot.list_voices(member(ALICE))] == ["Second"]
    assert first.voice_id not in h.sim.state.voices


async def test_voice_buttons_only_touch_the_clickers_voices(h: Harness) -> None:
    first, _ = await two_voices(h)
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)

    click = await press(
        h, h.fake.originals[payload["token"]], f"vc:voice:delete:{first.voice_id}", BOB
    )
    [error] = followups(h, str(click["token"]))
    assert (error.json["content"] or "").endswith("-# not_owner")
    assert error.json["flags"] & 64  # only the clicker sees it
    assert len(await h.voicebot.list_voices(member(ALICE))) == 2


async def test_voice_subcommands(h: Harness) -> None:
    _, second = await two_voices(h)

    preview = h.payloads.slash("voice", ALICE, sub="preview")
    await h.run(preview)
    assert "First" in h.reply_text(preview["token"])  # the default
    assert h.last_edit(preview["token"]).uploads

    rename = h.payloads.slash(
        "voice",
        ALICE,
        [option("voice", STRING, second.voice_id), option("name", STRING, "Radio")],
        sub="rename",
    )
    await h.run(rename)
    assert "Renamed" in h.reply_text(rename["token"])

    default = h.payloads.slash("voice", ALICE, [option("voice", STRING, "radio")], sub="default")
    await h.run(default)
    assert "Default voice: • **Radio** ⭐ default" in h.reply_text(default["token"])

    delete = h.payloads.slash("voice", ALICE, [option("voice", STRING, "First")], sub="delete")
    await h.run(delete)
    assert "Deleted **First**" in h.reply_text(delete["token"])
    assert [v.name for v in await h.voicebot.list_voices(member(ALICE))] == ["Radio"]

    missing = h.payloads.slash("voice", ALICE, [option("voice", STRING, "nope")], sub="delete")
    await h.run(missing)
    assert h.reply_text(missing["token"]).endswith("-# voice_not_found")


async def test_voice_names_autocomplete(h: Harness) -> None:
    _, second = await two_voices(h)
    focused = {"name": "voice", "type": STRING, "value": "sec", "focused": True}
    payload = h.payloads.slash("voice", ALICE, [focused], sub="delete", autocomplete=True)
    await h.run(payload)

    [callback] = h.fake.find("POST", rf"/interactions/{payload['id']}/")
    assert callback.json == {
        "type": 8,
        "data": {"choices": [{"name": "Second", "value": second.voice_id}]},
    }


async def test_forget_me_after_confirmation(h: Harness) -> None:
    first, second = await two_voices(h)
    payload = h.payloads.slash("forget-me", ALICE)
    await h.run(payload)
    prompt = h.fake.originals[payload["token"]]
    assert "Erase everything" in prompt["content"]
    assert button(prompt, "vc:cancel:")

    click = await press(h, prompt, "vc:forget:", ALICE)

    assert "everything about you is erased" in (h.last_edit(click["token"]).content or "")
    assert await h.voicebot.list_voices(member(ALICE)) == []
    assert first.voice_id not in h.sim.state.voices
    assert second.voice_id not in h.sim.state.voices


async def test_forget_me_cancelled_or_by_someone_else(h: Harness) -> None:
    await two_voices(h)
    payload = h.payloads.slash("forget-me", ALICE)
    await h.run(payload)
    prompt = h.fake.originals[payload["token"]]

    bobs = await press(h, prompt, "vc:forget:", BOB)
    assert (followups(h, bobs["token"])[0].content or "").endswith("-# not_owner")

    cancel = await press(h, prompt, "vc:cancel:", ALICE)
    assert "Cancelled" in (h.last_edit(cancel["token"]).content or "")
    assert len(await h.voicebot.list_voices(member(ALICE))) == 2
