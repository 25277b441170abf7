"""Cloning on Slack: clips sent to the bot in DM, ``/clone`` (the latest clip), and the
consent prompt whose click the core turns into the clone."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackClientError

from adapters.slack.api_errors import slack_error
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
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.files import may_be_audio
from adapters.slack.listeners import on_click, on_command, on_direct_message
from adapters.slack.payloads import Click, Command, DirectMessage
from adapters.slack.replies import DirectMessageReply, MessageUpdateReply, PrivateReply, open_dm
from adapters.slack.uploads import post_preview
from bot.errors import NotAudio
from bot.facade import AudioSource, CloneIntent, SourceRef
from bot.i18n import Translator
from bot.models import CloneOptions, VoiceRecord

log = logging.getLogger(__name__)

#: The source kind of a Slack file (its id is the item).
FILE = "file"


# --- texts ---------------------------------------------------------------------------------
PROGRESS_KEYS: Mapping[str, str] = {
    "reading": "progress-reading-clip",
    "converting": "progress-converting-clip",
    "cloning": "progress-cloning-short",
    "preview": "progress-preview",
}


def progress_text(t: Translator, stage: str) -> str:
    return f":hourglass_flowing_sand: {t(PROGRESS_KEYS.get(stage, 'progress-working'))}"


def consent_prompt(
    t: Translator, statement: str, token: str, *, name: str | None, ttl_minutes: int
) -> tuple[str, list[Block]]:
    if name:
        title = t("consent-title-slack-named", name=f"*{escape(name)}*")
    else:
        title = t("consent-title-slack")
    text = f"{title} {t('consent-confirm-own-voice')}"
    return text, [
        section(f":microphone: {title}"),
        section(f">{escape(statement)}"),
        context(t("consent-only-you", minutes=ttl_minutes)),
        actions(
            "consent",
            button(t("button-consent"), CONSENT, token, style="primary"),
            button(t("button-cancel"), CONSENT_CANCEL, token),
        ),
    ]


def consent_sent_elsewhere(t: Translator) -> str:
    return t("consent-sent-to-dm")


def cancelled_text(t: Translator) -> str:
    return t("consent-cancelled-clip")


def clone_result(
    t: Translator,
    voice: VoiceRecord,
    preview_url: str | None,
    *,
    preview_posted: bool,
    quality_tip: str | None = None,
) -> tuple[str, list[Block]]:
    name = escape(voice.name)
    text = f":white_check_mark: {t('clone-ready', name=name)}"
    lines = [
        f":white_check_mark: {t('clone-ready', name=f'*{name}*')}",
        t("voice-languages", languages=escape(t.languages(voice.languages))),
    ]
    if preview_url:
        lines.append(t("preview-link", url=f"<{preview_url}|{t('preview-listen')}>"))
    elif preview_posted:
        lines.append(t("preview-posted-below"))
    else:
        lines.append(t("preview-not-ready-slack"))
    if quality_tip:
        lines.append(f":bulb: {t(quality_tip)}")
    lines.append(t("clone-next-steps-slack"))
    return text, [section("\n".join(lines))]


# --- listeners -----------------------------------------------------------------------------
def register(app: AsyncApp, services: SlackServices) -> None:
    # Bolt runs the first listener that matches: files before plain text.
    on_direct_message(app, services, receive_clips, with_files=True, name="dm-clip")
    on_direct_message(app, services, explain_in_dm, with_files=False, name="dm-text")
    on_command(app, services, "/clone", clone_command)
    on_click(app, services, CONSENT, consent_given)
    on_click(app, services, CONSENT_CANCEL, consent_refused)


def how_to_record(ctx: SlackContext) -> str:
    return ctx.t("how-to-record", minutes=ctx.settings.slack_clip_recent_minutes)


async def explain_in_dm(ctx: SlackContext, _: DirectMessage) -> None:
    await ctx.reply(how_to_record(ctx))


def file_source(file: Mapping[str, Any], dm_channel: str) -> SourceRef:
    """A Slack file: recorded by its uploader (Slack's ``user``), whoever shared it."""
    return SourceRef(
        kind=FILE,
        item_id=str(file["id"]),
        recorded_by=str(file.get("user") or ""),
        channel_id=dm_channel,
    )


async def receive_clips(ctx: SlackContext, message: DirectMessage) -> None:
    files = [await ctx.services.files.complete(file) for file in message.files]
    clips = [file for file in files if may_be_audio(file)]
    if not clips:
        raise NotAudio()
    # Remembered before asking: /clone can pick the clip up even if this prompt fails.
    for clip in clips:
        await ctx.voicebot.remember_clip(ctx.member, str(clip["id"]), message.channel_id)
    for clip in clips:
        await ask_consent_in_dm(ctx, file_source(clip, message.channel_id), CloneOptions())


async def clone_command(ctx: SlackContext, command: Command) -> None:
    clip = await ctx.voicebot.latest_clip(ctx.member)
    if clip is None:
        await ctx.reply(how_to_record(ctx))
        return
    dm = clip.channel_id or await open_dm(ctx.client, ctx.user_id)
    # Who uploaded the clip is Slack's to say: ask afresh.
    file = await ctx.services.files.info(clip.file_id)
    options = CloneOptions(name=command.text or None)
    await ask_consent_in_dm(ctx, file_source(file, dm), options)
    if command.channel_id != dm:
        await ctx.reply(consent_sent_elsewhere(ctx.t))


async def ask_consent_in_dm(ctx: SlackContext, source: SourceRef, options: CloneOptions) -> None:
    shown = ctx.t.consent()
    intent = CloneIntent(source, options)
    action = await ctx.voicebot.ask_consent(ctx.member, intent, shown=shown)
    text, prompt = consent_prompt(
        ctx.t, shown.text, action.token, name=options.name, ttl_minutes=action.minutes_to_answer
    )
    await ctx.client.chat_postMessage(channel=str(source.channel_id), text=text, blocks=prompt)


# --- the consent prompt --------------------------------------------------------------------
def prompt_of(ctx: SlackContext, click: Click) -> PrivateReply:
    """The consent prompt the member clicked: progress and the outcome replace it."""
    if click.channel_id and click.message_ts:
        return MessageUpdateReply(ctx.client, click.channel_id, click.message_ts)
    return DirectMessageReply(ctx.client, click.user_id, click.channel_id)


async def consent_given(ctx: SlackContext, click: Click) -> None:
    prompt = prompt_of(ctx, click)
    # Until the core accepts the click, errors go privately to the clicker; from then on the
    # prompt is this member's, and errors replace it.
    where = ctx.where

    async def accepted() -> None:
        nonlocal where
        where = prompt

    async def progress(stage: str) -> None:
        # The core shows each stage once and keeps a lost line from failing the clone.
        await prompt.send(progress_text(ctx.t, stage))

    async def fetch(source: SourceRef) -> AudioSource:
        # The event's URLs are not kept (only the file id): ask Slack afresh.
        files = ctx.services.files
        return files.source(await files.info(source.item_id))

    try:
        result = await ctx.voicebot.consent_given(
            click.value, ctx.member, fetch, progress, accepted=accepted
        )
    except Exception as exc:  # noqa: BLE001 - reported where the member looks
        await ctx.services.errors.report(where, exc, ctx.t)
        return
    posted = False
    if result.preview_audio:
        posted = await post_clone_preview(
            ctx, click, result.voice, result.preview_audio, result.preview_content_type
        )
    text, result_blocks = clone_result(
        ctx.t,
        result.voice,
        result.preview_url,
        preview_posted=posted,
        quality_tip=result.quality_tip,
    )
    await prompt.send(text, result_blocks)
    await ctx.services.changed(ctx)


async def post_clone_preview(
    ctx: SlackContext, click: Click, voice: VoiceRecord, audio: bytes, content_type: str | None
) -> bool:
    """The new voice's preview in the member's DM; False when it could not be posted."""
    dm = click.channel_id or await open_dm(ctx.client, ctx.user_id)
    try:
        await post_preview(
            ctx.client,
            dm,
            ctx.t("preview-title", name=voice.name),
            audio,
            content_type,
        )
    except SlackClientError as exc:
        # The link (or /voices → Preview) still works: the clone itself succeeded.
        log.warning("preview upload failed: %s", slack_error(exc))
        return False
    return True


async def consent_refused(ctx: SlackContext, click: Click) -> None:
    await ctx.voicebot.cancel(click.value, ctx.member)
    await prompt_of(ctx, click).send(cancelled_text(ctx.t))
