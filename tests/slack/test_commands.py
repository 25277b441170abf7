"""/voices (and its buttons), /say, /forget-me and /clone-settings."""

from __future__ import annotations

from adapters.slack import blocks, forget, say
from adapters.slack.users import PLATFORM
from bot.i18n import messages_for
from bot.models import Member, VoiceRecord
from tests.slack.conftest import audio
from tests.slack.fake_slack import TEAM_ID, dm_of
from tests.slack.harness import (
    ALICE,
    BOB,
    CHANNEL,
    SlackHarness,
    all_text,
    consent,
    find_button,
    send_clip,
)

EN = messages_for("en", "slack")
ALICE_MEMBER = Member(platform=PLATFORM, user_id=ALICE, community_id=TEAM_ID)


async def clone_voice(slack: SlackHarness, name: str) -> VoiceRecord:
    """A voice for Alice, made the way a member makes one (``name`` as Slack sends it)."""
    await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    await slack.command("/clone", name, channel=dm_of(ALICE))
    await slack.settle()
    prompt = slack.fake.posted_in(dm_of(ALICE))[-1]
    await consent(slack, prompt)
    voices = await slack.app.voice.voicebot.list_voices(ALICE_MEMBER)
    typed = name.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return next(voice for voice in voices if voice.name == typed)


async def test_voices_lists_with_buttons_that_work(slack: SlackHarness) -> None:
    first = await clone_voice(slack, "First")
    second = await clone_voice(slack, "Second")

    tag = await slack.command("/voices")
    await slack.settle()
    (listing,) = slack.responses_to(tag)
    assert listing["response_type"] == "ephemeral"
    text = slack.response_text(tag)
    assert "First" in text and "Second" in text and "(default)" in text
    assert find_button(listing["blocks"], blocks.VOICE_DELETE)["confirm"]

    # Preview: audio in the member's DM, a note here.
    before = len(slack.fake.uploads_to(dm_of(ALICE)))
    tag = await slack.click(blocks.VOICE_PREVIEW, second.voice_id)
    await slack.settle()
    assert "Preview of *Second*" in slack.response_text(tag)
    assert len(slack.fake.uploads_to(dm_of(ALICE))) == before + 1

    # Make default: the list is replaced, the new default on top.
    tag = await slack.click(blocks.VOICE_DEFAULT, second.voice_id)
    await slack.settle()
    (replaced,) = slack.responses_to(tag)
    assert replaced["replace_original"] is True
    assert "*Second* is now your default voice." in slack.response_text(tag)
    voices = await slack.app.voice.voicebot.list_voices(ALICE_MEMBER)
    assert [v.name for v in voices if v.is_default] == ["Second"]

    # Delete.
    tag = await slack.click(blocks.VOICE_DELETE, first.voice_id)
    await slack.settle()
    assert "Deleted *First*." in slack.response_text(tag)
    voices = await slack.app.voice.voicebot.list_voices(ALICE_MEMBER)
    assert [v.name for v in voices] == ["Second"]

    # Someone else's voice id: refused, privately.
    tag = await slack.click(blocks.VOICE_DELETE, second.voice_id, user=BOB)
    await slack.settle()
    assert "find that voice" in slack.response_text(tag) or "isn't yours" in slack.response_text(
        tag
    )
    assert len(await slack.app.voice.voicebot.list_voices(ALICE_MEMBER)) == 1


async def test_voices_when_there_are_none(slack: SlackHarness) -> None:
    tag = await slack.command("/voices")
    await slack.settle()
    assert "no voices yet" in slack.response_text(tag)


async def test_say_posts_in_a_channel_the_bot_is_in(slack: SlackHarness) -> None:
    await clone_voice(slack, "Speaker")
    slack.fake.channels[CHANNEL] = {"is_member": True, "name": "general"}
    tag = await slack.command("/say", "Hello everyone!", channel=CHANNEL)
    await slack.settle()
    (upload,) = slack.fake.uploads_to(CHANNEL)
    assert upload.content and upload.filename.endswith(".mp3")
    assert upload.initial_comment and f"<@{ALICE}>" in upload.initial_comment
    assert "AI voice clone" in upload.initial_comment
    assert slack.responses_to(tag) == []


async def test_say_falls_back_to_the_dm(slack: SlackHarness) -> None:
    await clone_voice(slack, "Speaker")
    before = len(slack.fake.uploads_to(dm_of(ALICE)))

    # conversations.info says the bot isn't in the channel.
    slack.fake.channels["CQUIET"] = {"is_member": False}
    tag = await slack.command("/say", "Hi there", channel="CQUIET")
    await slack.settle()
    assert slack.fake.uploads_to("CQUIET") == []
    assert say.say_sent_to_dm(EN) in slack.response_text(tag)

    # conversations.info can't tell (a private channel): try, then fall back.
    slack.fake.closed_channels.add("GPRIVATE")
    tag = await slack.command("/say", "Hi again", channel="GPRIVATE")
    await slack.settle()
    assert say.say_sent_to_dm(EN) in slack.response_text(tag)

    dm_uploads = slack.fake.uploads_to(dm_of(ALICE))
    assert len(dm_uploads) == before + 2
    assert all("AI voice clone" in (u.initial_comment or "") for u in dm_uploads[before:])


async def test_say_without_a_voice_or_text(slack: SlackHarness) -> None:
    tag = await slack.command("/say", "")
    await slack.settle()
    assert "Tell me what to say" in slack.response_text(tag)
    tag = await slack.command("/say", "Hello")
    await slack.settle()
    assert ":warning:" in slack.response_text(tag)  # no voice yet: the core says what to do


async def test_forget_me_after_confirmation(slack: SlackHarness) -> None:
    await clone_voice(slack, "Mine")
    tag = await slack.command("/forget-me")
    await slack.settle()
    (prompt,) = slack.responses_to(tag)
    token = find_button(prompt["blocks"], blocks.FORGET_CONFIRM)["value"]

    # Bob can't press Alice's button.
    tag = await slack.click(blocks.FORGET_CONFIRM, token, user=BOB)
    await slack.settle()
    assert "Only the person who asked" in slack.response_text(tag)
    assert len(await slack.app.voice.voicebot.list_voices(ALICE_MEMBER)) == 1

    tag = await slack.click(blocks.FORGET_CONFIRM, token)
    await slack.settle()
    assert forget.forgotten_text(EN, 1) in slack.response_text(tag)
    assert await slack.app.voice.voicebot.list_voices(ALICE_MEMBER) == []


async def test_forget_me_cancelled(slack: SlackHarness) -> None:
    tag = await slack.command("/forget-me")
    await slack.settle()
    token = find_button(slack.responses_to(tag)[0]["blocks"], blocks.FORGET_CANCEL)["value"]
    tag = await slack.click(blocks.FORGET_CANCEL, token)
    await slack.settle()
    assert forget.forget_cancelled_text(EN) in slack.response_text(tag)


async def test_settings_for_admins_only(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"is_admin": True}

    tag = await slack.command("/clone-settings")
    await slack.settle()
    text = slack.response_text(tag)
    assert "`clone_enabled`: on" in text and "`voices_per_member`" in text

    tag = await slack.command("/clone-settings", f"allowed_members <@{ALICE}|alice> <@{BOB}>")
    await slack.settle()
    assert f"<@{ALICE}>, <@{BOB}>" in slack.response_text(tag)

    tag = await slack.command("/clone-settings", "clone_enabled off")
    await slack.settle()
    assert "`clone_enabled`: off" in slack.response_text(tag)

    # A member who isn't a workspace admin (users.info) is refused by the core.
    tag = await slack.command("/clone-settings", "clone_enabled on", user=BOB)
    await slack.settle()
    assert "Only admins" in slack.response_text(tag)
    tag = await slack.command("/clone-settings", user=BOB)
    await slack.settle()
    assert "Only admins" in slack.response_text(tag)

    # The workspace owner counts as an admin too.
    slack.fake.users["UOWNER"] = {"is_owner": True}
    tag = await slack.command("/clone-settings", "clone_enabled on", user="UOWNER")
    await slack.settle()
    assert "`clone_enabled`: on" in slack.response_text(tag)


async def test_reading_settings_through_slack(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"is_admin": True}
    tag = await slack.command("/clone-settings")
    await slack.settle()
    text = slack.response_text(tag)
    assert "`read_enabled`: on" in text and "`read_channel`: none" in text
    assert "`read_ignore_prefixes`: `!` `;` `/` `.`" in text
    assert "`read_emoji`: read by their name" in text
    assert "`read_announce`: never" in text

    tag = await slack.command("/clone-settings", "read_ignore_prefixes &gt; ~")
    await slack.settle()
    assert "`read_ignore_prefixes`: `&gt;` `~`" in slack.response_text(tag)
    tag = await slack.command("/clone-settings", "read_channel <#C0READ|read-aloud>")
    await slack.settle()
    assert "`read_channel`: <#C0READ>" in slack.response_text(tag)
    tag = await slack.command("/clone-settings", "read_announce on_change")
    await slack.settle()
    assert "`read_announce`: when another member spoke" in slack.response_text(tag)
    settings = await slack.app.voice.voicebot.community_settings(
        Member(PLATFORM, ALICE, TEAM_ID, is_admin=True)
    )
    assert settings.read_ignore_prefixes == (">", "~")
    assert (settings.read_channel, settings.read_announce) == ("C0READ", "on_change")

    tag = await slack.command("/clone-settings", "read_channel no_read_channel")
    await slack.settle()
    assert "`read_channel`: none" in slack.response_text(tag)
    tag = await slack.command("/clone-settings", "read_emoji sometimes")
    await slack.settle()
    assert "read_emoji must be one of names, off" in slack.response_text(tag)


async def test_bad_setting_value_is_explained(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"is_admin": True}
    tag = await slack.command("/clone-settings", "voices_per_member lots")
    await slack.settle()
    assert "must be a number" in slack.response_text(tag)
    tag = await slack.command("/clone-settings", "voices_per_member")
    await slack.settle()
    assert "Usage" in slack.response_text(tag)


async def test_typed_text_reaches_speech_as_typed_and_is_escaped_once(slack: SlackHarness) -> None:
    """Slack sends ``&``, ``<`` and ``>`` as entities: speech gets what was typed, the API's
    markup works, and the label escapes it exactly once."""
    await clone_voice(slack, "Cat &amp; Co &lt;3")  # as Slack sends what was typed
    slack.fake.channels[CHANNEL] = {"is_member": True, "name": "general"}

    await slack.command("/say", "Tom &amp; Jerry &lt;3 &lt;break time='400ms'/&gt; bye")
    await slack.settle()

    assert slack.sim.state.transcripts[-1] == "Tom & Jerry <3 <break time='400ms'/> bye"
    (upload,) = slack.fake.uploads_to(CHANNEL)
    comment = upload.initial_comment or ""
    assert "Tom &amp; Jerry &lt;3" in comment
    assert "&amp;amp;" not in comment and "&amp;lt;" not in comment
    assert '("Cat &amp; Co &lt;3")' in comment
    assert f"<@{ALICE}>" in comment


async def test_voice_names_are_escaped_in_fallback_texts(slack: SlackHarness) -> None:
    await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    await slack.command("/clone", "<!channel> &amp; co", channel=dm_of(ALICE))
    await slack.settle()
    prompt = slack.fake.posted_in(dm_of(ALICE))[-1]
    await consent(slack, prompt)

    result = slack.fake.messages[prompt.ts]
    # The core dropped the broadcast; the rest is escaped in the text and the blocks alike.
    assert "<!channel>" not in result.text and "&amp; co" in result.text
    assert "&amp; co" in all_text(result.blocks)
