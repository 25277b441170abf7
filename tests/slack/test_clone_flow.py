"""A clip sent in DM (or picked up by /clone) → consent → clone → preview, over signed HTTP."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest

from adapters.slack import blocks, clone
from bot.i18n import messages_for
from bot.models import Member, RecentClip
from tests.slack.conftest import HarnessFactory, audio
from tests.slack.fake_slack import TEAM_ID, Message, dm_of
from tests.slack.harness import (
    ALICE,
    BOB,
    CHANNEL,
    SlackHarness,
    all_text,
    consent,
    consent_token,
    dm_clip_event,
    find_button,
    send_clip,
)


def texts(message: Message) -> list[str]:
    return [str(version["text"]) for version in message.history]


@pytest.mark.parametrize(
    ("fixture", "name", "mimetype", "filetype"),
    [
        # Desktop clip: WebM/Opus. Mobile clip: AAC in MP4, announced as video with a .webm
        # name. A voice message file: Ogg Opus with a generic type. The bytes decide.
        ("slack_clip.webm", "audio_message.webm", "audio/webm", "webm"),
        ("slack_clip_aac.mp4", "audio_message.webm", "video/mp4", "mp4"),
        ("voice_message.ogg", "recording", "application/octet-stream", "binary"),
    ],
)
async def test_dm_clip_consent_clone_preview(
    slack: SlackHarness, fixture: str, name: str, mimetype: str, filetype: str
) -> None:
    file = slack.fake.add_file(audio(fixture), name=name, mimetype=mimetype, filetype=filetype)
    prompt = await send_clip(slack, file)
    assert "I consent, this is my voice" in str(prompt.blocks)
    assert find_button(prompt.blocks, blocks.CONSENT_CANCEL)["value"] == consent_token(prompt)
    assert slack.app.voice.voicebot.consent_statement in all_text(prompt.blocks)

    await consent(slack, prompt)

    # Progress replaced the prompt in place, then the result did.
    history = texts(prompt)
    for stage in ("converting", "cloning", "preview"):
        assert clone.progress_text(messages_for("en", "slack"), stage) in history
    assert "is ready" in prompt.text
    final = all_text(prompt.blocks)
    assert "Languages: en, de, es, fr, it" in final
    assert blocks.CONSENT not in str(prompt.blocks)  # no buttons left to click
    assert slack.sim.state.count("POST", "/voices/clone") == 1

    # The preview audio went to the member's DM.
    uploads = slack.fake.uploads_to(dm_of(ALICE))
    assert len(uploads) == 1
    assert uploads[0].content and uploads[0].title and "Preview of" in uploads[0].title
    assert "Preview:" in final
    # The file was downloaded with the bot token, never stored as a URL.
    assert slack.fake.download_auth_failures == 0


async def test_file_without_urls_is_looked_up_with_files_info(slack: SlackHarness) -> None:
    file = slack.fake.add_file(audio("slack_clip.webm"))
    slim = {"id": file["id"], "file_access": "check_file_info", "mode": "hosted"}
    prompt = await send_clip(slack, slim)
    assert [call["file"] for call in slack.fake.calls_to("files.info")] == [file["id"]]

    await consent(slack, prompt)
    assert "is ready" in prompt.text
    assert slack.sim.state.count("POST", "/voices/clone") == 1


async def test_clone_command_uses_the_latest_clip(slack: SlackHarness) -> None:
    file = slack.fake.add_file(audio("slack_clip.webm"))
    await send_clip(slack, file)

    tag = await slack.command("/clone", "Narrator", channel=CHANNEL)
    await slack.settle()
    assert clone.consent_sent_elsewhere(messages_for("en", "slack")) in slack.response_text(tag)
    prompts = slack.fake.posted_in(dm_of(ALICE))
    assert len(prompts) == 2
    second = prompts[-1]
    assert "Narrator" in second.text

    await consent(slack, second)
    assert "Narrator" in second.text and "is ready" in second.text
    voices = await slack.app.voice.voicebot.list_voices(
        await slack.app.voice.users.member(ALICE, None)
    )
    assert [voice.name for voice in voices] == ["Narrator"]


async def test_clone_command_without_a_clip_explains_how_to_send_one(slack: SlackHarness) -> None:
    tag = await slack.command("/clone")
    await slack.settle()
    text = slack.response_text(tag)
    assert "record an audio clip" in text and "15 minutes" in text
    assert all(r["response_type"] == "ephemeral" for r in slack.responses_to(tag))
    assert slack.fake.posted_in(dm_of(ALICE)) == []


async def test_clone_command_ignores_an_old_clip(slack: SlackHarness) -> None:
    voicebot = slack.app.voice.voicebot
    member = await slack.app.voice.users.member(ALICE, None)
    old = voicebot.clock() - timedelta(minutes=16)
    await voicebot.store.remember_clip(RecentClip("slack", member.user_id, "F0LD", "D1", old))
    tag = await slack.command("/clone")
    await slack.settle()
    assert "record an audio clip" in slack.response_text(tag)
    assert slack.fake.posted_in(dm_of(ALICE)) == []


async def test_an_expired_consent_prompt_clones_nothing(slack: SlackHarness) -> None:
    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    token = consent_token(prompt)
    store = slack.app.voice.voicebot.store
    pending = await store.get_pending(token)
    assert pending is not None
    # The prompt's time runs out (CONSENT_TTL_SECONDS): what a late click finds.
    await store.save_pending(replace(pending, expires_at=pending.created_at))
    tag = await slack.click(blocks.CONSENT, token, channel=prompt.channel, message_ts=prompt.ts)
    await slack.settle()
    assert "expired or was already answered" in slack.response_text(tag)
    assert slack.sim.state.count("POST", "/voices/clone") == 0


async def test_cancel_drops_the_request(slack: SlackHarness) -> None:
    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    token = consent_token(prompt)
    await slack.click(blocks.CONSENT_CANCEL, token, channel=prompt.channel, message_ts=prompt.ts)
    await slack.settle()
    assert prompt.text == clone.cancelled_text(messages_for("en", "slack"))

    # The old button, clicked late (e.g. from another device): nothing left to answer.
    tag = await slack.click(blocks.CONSENT, token, channel=prompt.channel, message_ts=prompt.ts)
    await slack.settle()
    assert "expired or was already answered" in slack.response_text(tag)
    assert slack.sim.state.count("POST", "/voices/clone") == 0


async def test_retries_and_double_clicks_clone_once(slack: SlackHarness) -> None:
    file = slack.fake.add_file(audio("slack_clip.webm"))
    event = dm_clip_event(ALICE, file)
    # Slack redelivers the same event (x-slack-retry-num): one prompt only.
    await slack.event(event, event_id="EvSAME")
    await slack.event(event, event_id="EvSAME", retry_num=1)
    await slack.event(event, event_id="EvSAME", retry_num=2)
    await slack.settle()
    prompts = slack.fake.posted_in(dm_of(ALICE))
    assert len(prompts) == 1
    prompt = prompts[0]

    # Two clicks at once on the same button: one clone.
    token = consent_token(prompt)
    tags = await asyncio.gather(
        *(
            slack.click(blocks.CONSENT, token, channel=prompt.channel, message_ts=prompt.ts)
            for _ in range(2)
        )
    )
    await slack.settle()
    assert slack.sim.state.count("POST", "/voices/clone") == 1
    answered = [tag for tag in tags if "already answered" in slack.response_text(tag)]
    assert len(answered) == 1

    # The same file shared again (a new event): a new prompt, but still one clone.
    again = await send_clip(slack, file)
    await consent(slack, again)
    assert "is ready" in again.text
    assert slack.sim.state.count("POST", "/voices/clone") == 1


async def test_someone_elses_click_does_not_count(slack: SlackHarness) -> None:
    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    tag = await consent(slack, prompt, user="UMALLORY")
    assert "Only the person who asked" in slack.response_text(tag)
    assert slack.sim.state.count("POST", "/voices/clone") == 0
    await consent(slack, prompt)
    assert "is ready" in prompt.text


async def test_html_login_page_means_files_read_is_missing(slack: SlackHarness) -> None:
    file = slack.fake.add_file(audio("slack_clip.webm"), login_page=True)
    prompt = await send_clip(slack, file)
    await consent(slack, prompt)
    assert ":warning:" in prompt.text and "files:read" in prompt.text
    assert slack.sim.state.count("POST", "/voices/clone") == 0


async def test_a_document_in_dm_is_not_audio(slack: SlackHarness) -> None:
    file = slack.fake.add_file(
        b"%PDF-1.4 ...", name="notes.pdf", mimetype="application/pdf", filetype="pdf",
        subtype=None,
    )  # fmt: skip
    await slack.event(dm_clip_event(ALICE, file))
    await slack.settle()
    (reply,) = slack.fake.posted_in(dm_of(ALICE))
    assert "doesn't contain audio" in reply.text


async def test_plain_text_in_dm_gets_the_how_to(slack: SlackHarness) -> None:
    event = {
        "type": "message", "user": ALICE, "channel": dm_of(ALICE), "channel_type": "im",
        "text": "hello?", "ts": "1700000200.000001",
    }  # fmt: skip
    await slack.event(event)
    await slack.settle()
    (reply,) = slack.fake.posted_in(dm_of(ALICE))
    assert "record an audio clip" in reply.text


async def test_consent_survives_a_restart(make_slack: HarnessFactory) -> None:
    before = await make_slack()
    prompt = await send_clip(before, before.fake.add_file(audio("slack_clip.webm")))
    # A new process on the same database answers the old prompt's button.
    after = await make_slack()
    await consent(after, prompt)
    assert "is ready" in prompt.text
    assert after.sim.state.count("POST", "/voices/clone") == 1


async def test_a_shared_clip_of_someone_else_is_refused_and_changes_nothing(
    slack: SlackHarness,
) -> None:
    """Bob shares the clip Alice recorded and cloned: he gets neither her voice nor a clone,
    and her records stay."""
    alices_clip = slack.fake.add_file(audio("slack_clip.webm"), user=ALICE)
    await consent(slack, await send_clip(slack, alices_clip))
    voicebot = slack.app.voice.voicebot
    [alices_voice] = await voicebot.list_voices(Member("slack", ALICE, TEAM_ID))

    before = set(slack.fake.messages)
    await slack.event(dm_clip_event(BOB, alices_clip))
    await slack.settle()

    [answer] = [m for ts, m in slack.fake.messages.items() if ts not in before]
    assert answer.channel == dm_of(BOB)
    assert "someone else" in answer.text
    assert "not_owner" in all_text(answer.blocks)
    assert await voicebot.list_voices(Member("slack", BOB, TEAM_ID)) == []
    assert slack.sim.state.count("POST", "/voices/clone") == 1
    assert await voicebot.list_voices(Member("slack", ALICE, TEAM_ID)) == [alices_voice]
    rows = await voicebot.store.export_rows()  # type: ignore[attr-defined]
    assert [row["user_id"] for row in rows["consents"]] == [ALICE]
    assert [row["user_id"] for row in rows["clone_requests"]] == [ALICE]


async def test_clone_command_refuses_the_latest_clip_when_someone_else_recorded_it(
    slack: SlackHarness,
) -> None:
    others = slack.fake.add_file(audio("slack_clip.webm"), user=ALICE)
    await slack.event(dm_clip_event(BOB, others))  # refused, but remembered for /clone
    await slack.settle()

    tag = await slack.command("/clone", "Mine", user=BOB, channel=dm_of(BOB))
    await slack.settle()

    assert "not_owner" in slack.response_text(tag) or any(
        "not_owner" in all_text(m.blocks) for m in slack.fake.posted_in(dm_of(BOB))
    )
    assert slack.sim.state.count("POST", "/voices/clone") == 0
