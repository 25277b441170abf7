"""/say: a native voice message where Discord takes one, a plain audio file otherwise."""

from __future__ import annotations

import base64

from tests.discord.conftest import Harness, HarnessFactory
from tests.discord.helpers import followups, member
from tests.discord.payloads import ALICE, BOOLEAN, STRING, option
from tests.discord.test_voices import clone_directly


async def say(h: Harness, text: str, *, private: bool = False) -> dict[str, object]:
    options = [option("text", STRING, text)]
    if private:
        options.append(option("private", BOOLEAN, True))
    payload = h.payloads.slash("say", ALICE, options)
    await h.run(payload)
    return payload


async def test_say_replies_with_a_voice_message(h: Harness) -> None:
    await clone_directly(h, "Narrator", "speech.wav")
    payload = await say(h, "Hello @everyone, this is my voice")
    token = str(payload["token"])

    [callback] = h.fake.find("POST", rf"/interactions/{payload['id']}/")
    assert callback.json["type"] == 5
    assert not (callback.json.get("data") or {}).get("flags")  # public
    label = h.last_edit(token)
    assert "AI voice clone of Alice" in (label.content or "")
    # The member is in no voice channel: the reply says why it is posted instead of spoken.
    assert "Posted here as audio" in (label.content or "")
    assert label.json["allowed_mentions"] == {"parse": []}

    [voice] = followups(h, token)
    assert voice.query == {"wait": "true"}
    assert voice.json["flags"] == 8192
    assert voice.json["allowed_mentions"] == {"parse": []}
    [meta] = voice.json["attachments"]
    assert meta["filename"] == "voice-message.ogg"
    assert meta["duration_secs"] > 0
    points = base64.b64decode(meta["waveform"])
    assert 1 <= len(points) <= 256 and max(points) == 255
    [upload] = voice.uploads
    assert upload.field == "files[0]"
    assert upload.content_type == "audio/ogg"
    assert upload.data.startswith(b"OggS")


async def test_private_say_is_a_plain_file(h: Harness) -> None:
    await clone_directly(h, "Narrator", "speech.wav")
    payload = await say(h, "Just for me", private=True)
    token = str(payload["token"])

    [callback] = h.fake.find("POST", rf"/interactions/{payload['id']}/")
    assert callback.json == {"type": 5, "data": {"flags": 64}}
    reply = h.last_edit(token)
    assert "AI voice clone of Alice" in (reply.content or "")
    [upload] = reply.uploads
    assert upload.filename == "speech.mp3" and upload.data
    assert followups(h, token) == []


async def test_refused_voice_message_falls_back_to_a_file(h: Harness) -> None:
    await clone_directly(h, "Narrator", "speech.wav")
    h.fake.reject_voice_messages = True
    payload = await say(h, "Hello there")
    token = str(payload["token"])

    assert len(followups(h, token)) == 1  # the refused voice message
    reply = h.last_edit(token)
    assert [u.filename for u in reply.uploads] == ["speech.mp3"]
    assert "AI voice clone of Alice" in (reply.content or "")


async def test_say_without_a_voice(h: Harness) -> None:
    payload = await say(h, "Hello")
    token = str(payload["token"])
    # The public "thinking…" reply goes; the error reaches the member alone.
    [error] = followups(h, token)
    assert (error.json["content"] or "").endswith("-# voice_not_found")
    assert error.json["flags"] & 64  # ephemeral
    assert token not in h.fake.originals


async def test_say_cooldown(make_harness: HarnessFactory) -> None:
    h = await make_harness(say_cooldown_seconds=3600)
    await clone_directly(h, "Narrator", "speech.wav")
    await say(h, "One", private=True)
    payload = await say(h, "Two", private=True)
    text = h.reply_text(str(payload["token"]))
    assert "Try again in" in text
    assert text.endswith("-# cooldown")


async def test_a_voice_name_cannot_smuggle_a_link_or_a_ping_into_the_label(h: Harness) -> None:
    await clone_directly(h, "Plain", "speech.wav")
    rename = h.payloads.slash(
        "voice",
        ALICE,
        [
            option("voice", STRING, "Plain"),
            option("name", STRING, "[Claim your Nitro](https://evil.example/login) @everyone"),
        ],
        sub="rename",
    )
    await h.run(rename)
    [voice] = await h.voicebot.list_voices(member(ALICE))
    assert "evil.example" not in voice.name and "@everyone" not in voice.name

    payload = await say(h, "hi [there](https://evil.example) *all*")
    label = str(h.last_edit(str(payload["token"])).content)

    assert "AI voice clone" in label
    assert "](http" not in label and "evil.example" not in label
    assert '("Claim your Nitro")' in label  # the label of the masked link, no link
    assert "\\*all\\*" in label
