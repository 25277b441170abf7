"""Cloning on Slack: clips sent to the bot in DM, ``/clone`` (the latest clip), and the
consent prompt whose click the core turns into the clone."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError

from adapters.slack.blocks import (
    CONSENT,
    CONSENT_CANCEL,
    Block,
    actions,
    button,
    context,
    escape,
    section,
)
from adapters.slack.errors import slack_error
from adapters.slack.files import may_be_audio
from adapters.slack.plumbing import (
    Click,
    Command,
    DirectMessageReply,
    MessageUpdateReply,
    PrivateReply,
    SlackContext,
    event_team,
    on_click,
    on_command,
    open_dm,
    post_preview,
)
from bot.errors import NotAudio
from bot.intents import CloneIntent, SourceRef
from bot.models import CloneOptions, Member, VoiceRecord
from bot.ports import AudioSource

log = logging.getLogger(__name__)

#: The source kind of a Slack file (its id is the item).
FILE = "file"


# --- texts ---------------------------------------------------------------------------------
PROGRESS_TEXT: Mapping[str, str] = {
    "reading": ":hourglass_flowing_sand: Downloading your clip…",
    "converting": ":hourglass_flowing_sand: Converting your clip…",
    "cloning": ":hourglass_flowing_sand: Cloning your voice…",
    "preview": ":hourglass_flowing_sand: Fetching a preview…",
}

HOW_TO_RECORD = (
    "I need a recording of your voice first. Open a direct message with me, press the "
    "microphone button to record an audio clip (or attach an audio file), speak clearly for "
    "10 to 30 seconds and send it. I'll then ask for your consent; or run `/clone [name]` "
    "within {minutes} minutes of sending it."
)


def consent_prompt(
    statement: str, token: str, *, name: str | None, ttl_minutes: int
) -> tuple[str, list[Block]]:
    title = "Clone your voice from this clip"
    if name:
        title += f" as *{escape(name)}*"
    text = f"{title}? Please confirm that it is your own voice."
    return text, [
        section(f":microphone: {title}?"),
        section(f">{escape(statement)}"),
        context(f"Only you can answer. This request expires in {ttl_minutes} minutes."),
        actions(
            "consent",
            button("I consent, this is my voice", CONSENT, token, style="primary"),
            button("Cancel", CONSENT_CANCEL, token),
        ),
    ]


def consent_sent_elsewhere() -> str:
    return "I've sent you a consent prompt in our direct messages: answer it there."


def progress_text(stage: str) -> str:
    return PROGRESS_TEXT.get(stage, ":hourglass_flowing_sand: Working on it…")


def cancelled_text() -> str:
    return "Cancelled: I won't clone this clip."


def languages(voice: VoiceRecord) -> str:
    return ", ".join(voice.languages) or "detected automatically"


def clone_result(
    voice: VoiceRecord, preview_url: str | None, *, preview_posted: bool
) -> tuple[str, list[Block]]:
    text = f":white_check_mark: Your voice {escape(voice.name)} is ready."
    lines = [
        f":white_check_mark: Your voice *{escape(voice.name)}* is ready.",
        f"Languages: {escape(languages(voice))}",
    ]
    if preview_url:
        lines.append(f"Preview: <{preview_url}|listen to it>")
    elif preview_posted:
        lines.append("Preview: posted below.")
    else:
        lines.append("The preview isn't ready yet: try `/voices` → Preview in a minute.")
    lines.append("Use it with `/say your text`; manage your voices with `/voices`.")
    return text, [section("\n".join(lines))]


# --- listeners -----------------------------------------------------------------------------
def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.event({"type": "message", "subtype": "file_share"})
    async def on_file_share(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not from_member_in_dm(event):
            return
        where = DirectMessageReply(ctx.client, str(event["user"]), str(event["channel"]))
        ctx.run(where, receive_clips(ctx, body, event), name="slack-dm-clip")

    @app.event("message")
    async def on_message(body: dict[str, Any], event: dict[str, Any]) -> None:
        # Edits, joins and other subtypes need no answer; plain text gets the how-to.
        if event.get("subtype") or not from_member_in_dm(event):
            return
        where = DirectMessageReply(ctx.client, str(event["user"]), str(event["channel"]))
        ctx.run(where, explain_in_dm(ctx, body, where), name="slack-dm-text")

    on_command(app, ctx, "/clone", clone_command)
    on_click(app, ctx, CONSENT, consent_given)
    on_click(app, ctx, CONSENT_CANCEL, consent_refused)


def from_member_in_dm(event: Mapping[str, Any]) -> bool:
    """A member wrote in their DM with the bot (not the bot itself, not an edit)."""
    return event.get("channel_type") == "im" and bool(event.get("user")) and not event.get("bot_id")


async def first_delivery(ctx: SlackContext, body: Mapping[str, Any]) -> bool:
    """Slack redelivers events it thinks we missed (``x-slack-retry-num``): act once."""
    event_id = body.get("event_id")
    if not event_id:
        return True
    if await ctx.voicebot.first_delivery(f"slack:event:{event_id}"):
        return True
    log.info("ignoring a redelivered Slack event %s", event_id)
    return False


def how_to_record(ctx: SlackContext) -> str:
    return HOW_TO_RECORD.format(minutes=ctx.settings.slack_clip_recent_minutes)


async def explain_in_dm(ctx: SlackContext, body: dict[str, Any], where: PrivateReply) -> None:
    if await first_delivery(ctx, body):
        await where.send(how_to_record(ctx))


def file_source(file: Mapping[str, Any], dm_channel: str) -> SourceRef:
    """A Slack file: recorded by its uploader (Slack's ``user``), whoever shared it."""
    return SourceRef(
        kind=FILE,
        item_id=str(file["id"]),
        recorded_by=str(file.get("user") or ""),
        channel_id=dm_channel,
    )


async def receive_clips(ctx: SlackContext, body: dict[str, Any], event: dict[str, Any]) -> None:
    if not await first_delivery(ctx, body):
        return
    channel = str(event["channel"])
    member = await ctx.members.member(str(event["user"]), event_team(body, event))
    files = [await ctx.files.complete(file) for file in event.get("files") or []]
    clips = [file for file in files if may_be_audio(file)]
    if not clips:
        raise NotAudio()
    # Remembered before asking: /clone can pick the clip up even if this prompt fails.
    for clip in clips:
        await ctx.voicebot.remember_clip(member, str(clip["id"]), channel)
    for clip in clips:
        await ask_consent_in_dm(ctx, member, file_source(clip, channel), CloneOptions())


async def clone_command(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    clip = await ctx.voicebot.latest_clip(member)
    if clip is None:
        await where.send(how_to_record(ctx))
        return
    dm = clip.channel_id or await open_dm(ctx.client, command.user_id)
    # Who uploaded the clip is Slack's to say: ask afresh.
    file = await ctx.files.info(clip.file_id)
    options = CloneOptions(name=command.text or None)
    await ask_consent_in_dm(ctx, member, file_source(file, dm), options)
    if command.channel_id != dm:
        await where.send(consent_sent_elsewhere())


async def ask_consent_in_dm(
    ctx: SlackContext, member: Member, source: SourceRef, options: CloneOptions
) -> None:
    action = await ctx.voicebot.ask_consent(member, CloneIntent(source, options))
    ttl = action.expires_at - action.created_at
    text, prompt = consent_prompt(
        ctx.voicebot.consent_statement,
        action.token,
        name=options.name,
        ttl_minutes=max(1, round(ttl.total_seconds() / 60)),
    )
    await ctx.client.chat_postMessage(channel=str(source.channel_id), text=text, blocks=prompt)


# --- the consent prompt --------------------------------------------------------------------
def prompt_of(ctx: SlackContext, click: Click) -> PrivateReply:
    """The consent prompt the member clicked: progress and the outcome replace it."""
    if click.channel_id and click.message_ts:
        return MessageUpdateReply(ctx.client, click.channel_id, click.message_ts)
    return DirectMessageReply(ctx.client, click.user_id, click.channel_id)


async def consent_given(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    prompt = prompt_of(ctx, click)
    accepted = False
    shown: list[str] = []

    async def progress(stage: str) -> None:
        # The core's first step means it accepted the click: from then on the prompt is
        # this member's, and errors replace it. Before, they go privately to the clicker.
        nonlocal accepted
        accepted = True
        if shown and shown[-1] == stage:
            return
        shown.append(stage)
        try:
            await prompt.send(progress_text(stage))
        except SlackApiError as exc:
            # A lost progress line must not cost the member their clone.
            log.warning("progress update failed: %s", slack_error(exc))

    async def fetch(source: SourceRef) -> AudioSource:
        # The event's URLs are not kept (only the file id): ask Slack afresh.
        return ctx.files.source(await ctx.files.info(source.item_id))

    try:
        result = await ctx.voicebot.consent_given(click.value, member, fetch, progress)
    except Exception as exc:  # noqa: BLE001 - reported where the member looks
        await ctx.errors.report(prompt if accepted else where, exc)
        return
    posted = False
    if result.preview_audio:
        dm = click.channel_id or await open_dm(ctx.client, member.user_id)
        try:
            await post_preview(
                ctx.client, dm, result.voice.name, result.preview_audio, result.preview_content_type
            )
            posted = True
        except SlackClientError as exc:
            # The link (or /voices → Preview) still works: the clone itself succeeded.
            log.warning("preview upload failed: %s", slack_error(exc))
    text, result_blocks = clone_result(result.voice, result.preview_url, preview_posted=posted)
    await prompt.send(text, result_blocks)


async def consent_refused(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    await ctx.voicebot.cancel(click.value, member)
    await prompt_of(ctx, click).send(cancelled_text())
