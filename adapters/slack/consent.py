"""The consent buttons, and the clone they start: progress in place, then the result."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError

from adapters.slack import blocks
from adapters.slack.context import SlackContext
from adapters.slack.listeners import on_click
from adapters.slack.payloads import Click
from adapters.slack.replies import (
    DirectMessageReply,
    MessageUpdateReply,
    PrivateReply,
    open_dm,
    slack_error,
)
from adapters.slack.uploads import audio_filename, upload_audio
from bot.errors import ConsentRequired
from bot.models import Member, PendingAction
from bot.service import VoiceBot

log = logging.getLogger(__name__)


def idempotency_key(file_id: str) -> str:
    """One clone per Slack file, however often it is shared, clicked or redelivered."""
    return f"slack:file:{file_id}"


def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_click(app, ctx, blocks.CONSENT, lambda c, click, _: consent_given(c, click))
    on_click(app, ctx, blocks.CONSENT_CANCEL, lambda c, click, _: consent_refused(c, click))


def prompt_of(ctx: SlackContext, click: Click) -> PrivateReply:
    """The consent prompt the member clicked: progress and the outcome replace it."""
    if click.channel_id and click.message_ts:
        return MessageUpdateReply(ctx.client, click.channel_id, click.message_ts)
    return DirectMessageReply(ctx.client, click.user_id, click.channel_id)


async def consent_given(ctx: SlackContext, click: Click) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    # Errors up to here (someone else's button, expired, already answered) go to the clicker.
    action = await ctx.voicebot.take_pending(click.value, member)
    if action.kind != "clone":
        raise ConsentRequired()
    prompt = prompt_of(ctx, click)
    try:
        await clone_with_progress(ctx, member, action, click, prompt)
    except Exception as exc:  # noqa: BLE001 - reported in place of the prompt
        await ctx.errors.report(prompt, exc)


async def consent_refused(ctx: SlackContext, click: Click) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    await ctx.voicebot.cancel_pending(click.value, member)
    await prompt_of(ctx, click).send(blocks.cancelled_text())


async def clone_with_progress(
    ctx: SlackContext, member: Member, action: PendingAction, click: Click, prompt: PrivateReply
) -> None:
    source_ref: dict[str, Any] = action.payload.get("source") or {}
    file_id = str(source_ref["file_id"])

    shown: list[str] = []

    async def progress(stage: str) -> None:
        if shown and shown[-1] == stage:
            return
        shown.append(stage)
        try:
            await prompt.send(blocks.progress_text(stage))
        except SlackApiError as exc:
            # A lost progress line must not cost the member their clone.
            log.warning("progress update failed: %s", slack_error(exc))

    await progress("reading")
    # The event's URLs are not kept (only the file id): ask Slack afresh.
    file = await ctx.files.info(file_id)
    result = await ctx.voicebot.clone(
        member,
        ctx.files.source(file),
        idempotency_key=idempotency_key(file_id),
        consent=ctx.voicebot.consent_for(action),
        options=VoiceBot.options_of(action),
        progress=progress,
    )
    posted = False
    if result.preview_audio:
        dm = source_ref.get("channel_id") or click.channel_id
        dm = dm or await open_dm(ctx.client, member.user_id)
        voice = result.voice
        try:
            await upload_audio(
                ctx.client,
                channel=str(dm),
                audio=result.preview_audio,
                filename=audio_filename(f"preview-{voice.name}", result.preview_content_type),
                title=f"Preview of {voice.name}",
            )
            posted = True
        except SlackClientError as exc:
            # The link (or /voices → Preview) still works: the clone itself succeeded.
            log.warning("preview upload failed: %s", slack_error(exc))
    text, result_blocks = blocks.clone_result(
        result.voice, result.preview_url, preview_posted=posted
    )
    await prompt.send(text, result_blocks)
