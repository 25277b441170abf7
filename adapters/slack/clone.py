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
from bot.i18n import Translator
from bot.intents import CloneIntent, SourceRef
from bot.models import CloneOptions, Member, VoiceRecord
from bot.ports import AudioSource

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


def languages(t: Translator, voice: VoiceRecord) -> str:
    return ", ".join(voice.languages) if voice.languages else t("languages-automatic")


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
        t("voice-languages", languages=escape(languages(t, voice))),
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
def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.event({"type": "message", "subtype": "file_share"})
    async def on_file_share(body: dict[str, Any], event: dict[str, Any]) -> None:
        if not from_member_in_dm(event):
            return
        user, team = str(event["user"]), event_team(body, event)
        where = DirectMessageReply(ctx.client, user, str(event["channel"]))
        work = receive_clips(ctx, body, event)
        ctx.run(where, work, name="slack-dm-clip", user_id=user, team_id=team)

    @app.event("message")
    async def on_message(body: dict[str, Any], event: dict[str, Any]) -> None:
        # Edits, joins and other subtypes need no answer; plain text gets the how-to.
        if event.get("subtype") or not from_member_in_dm(event):
            return
        user, team = str(event["user"]), event_team(body, event)
        where = DirectMessageReply(ctx.client, user, str(event["channel"]))
        work = explain_in_dm(ctx, body, where, user, team)
        ctx.run(where, work, name="slack-dm-text", user_id=user, team_id=team)

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


def how_to_record(ctx: SlackContext, t: Translator) -> str:
    return t("how-to-record", minutes=ctx.settings.slack_clip_recent_minutes)


async def explain_in_dm(
    ctx: SlackContext, body: dict[str, Any], where: PrivateReply, user: str, team: str | None
) -> None:
    if await first_delivery(ctx, body):
        await where.send(how_to_record(ctx, await ctx.locales.messages(user, team)))


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
    member, t = await ctx.who(str(event["user"]), event_team(body, event))
    files = [await ctx.files.complete(file) for file in event.get("files") or []]
    clips = [file for file in files if may_be_audio(file)]
    if not clips:
        raise NotAudio()
    # Remembered before asking: /clone can pick the clip up even if this prompt fails.
    for clip in clips:
        await ctx.voicebot.remember_clip(member, str(clip["id"]), channel)
    for clip in clips:
        await ask_consent_in_dm(ctx, member, t, file_source(clip, channel), CloneOptions())


async def clone_command(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member, t = await ctx.who(command.user_id, command.team_id)
    clip = await ctx.voicebot.latest_clip(member)
    if clip is None:
        await where.send(how_to_record(ctx, t))
        return
    dm = clip.channel_id or await open_dm(ctx.client, command.user_id)
    # Who uploaded the clip is Slack's to say: ask afresh.
    file = await ctx.files.info(clip.file_id)
    options = CloneOptions(name=command.text or None)
    await ask_consent_in_dm(ctx, member, t, file_source(file, dm), options)
    if command.channel_id != dm:
        await where.send(consent_sent_elsewhere(t))


async def ask_consent_in_dm(
    ctx: SlackContext,
    member: Member,
    t: Translator,
    source: SourceRef,
    options: CloneOptions,
) -> None:
    shown = t.consent()
    action = await ctx.voicebot.ask_consent(member, CloneIntent(source, options), shown=shown)
    ttl = action.expires_at - action.created_at
    text, prompt = consent_prompt(
        t,
        shown.text,
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
    member, t = await ctx.who(click.user_id, click.team_id)
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
            await prompt.send(progress_text(t, stage))
        except SlackApiError as exc:
            # A lost progress line must not cost the member their clone.
            log.warning("progress update failed: %s", slack_error(exc))

    async def fetch(source: SourceRef) -> AudioSource:
        # The event's URLs are not kept (only the file id): ask Slack afresh.
        return ctx.files.source(await ctx.files.info(source.item_id))

    try:
        result = await ctx.voicebot.consent_given(click.value, member, fetch, progress)
    except Exception as exc:  # noqa: BLE001 - reported where the member looks
        await ctx.errors.report(prompt if accepted else where, exc, t)
        return
    posted = False
    if result.preview_audio:
        dm = click.channel_id or await open_dm(ctx.client, member.user_id)
        try:
            await post_preview(
                ctx.client,
                dm,
                t("preview-title", name=result.voice.name),
                result.preview_audio,
                result.preview_content_type,
            )
            posted = True
        except SlackClientError as exc:
            # The link (or /voices → Preview) still works: the clone itself succeeded.
            log.warning("preview upload failed: %s", slack_error(exc))
    text, result_blocks = clone_result(
        t,
        result.voice,
        result.preview_url,
        preview_posted=posted,
        quality_tip=result.quality_tip,
    )
    await prompt.send(text, result_blocks)


async def consent_refused(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member, t = await ctx.who(click.user_id, click.team_id)
    await ctx.voicebot.cancel(click.value, member)
    await prompt_of(ctx, click).send(cancelled_text(t))
