"""``/voices`` and its buttons: preview, make default, delete."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import (
    VOICE_DEFAULT,
    VOICE_DELETE,
    VOICE_PREVIEW,
    Block,
    actions,
    button,
    confirm_dialog,
    escape,
    section,
)
from adapters.slack.clone import languages
from adapters.slack.plumbing import (
    Click,
    Command,
    PrivateReply,
    SlackContext,
    on_click,
    on_command,
    open_dm,
    post_preview,
)
from bot.i18n import Translator
from bot.models import Member, VoiceRecord

log = logging.getLogger(__name__)


# --- texts ---------------------------------------------------------------------------------
MAX_LISTED_VOICES = 20


def voices_list(t: Translator, voices: Iterable[VoiceRecord]) -> tuple[str, list[Block]]:
    voices = list(voices)
    if not voices:
        return t("voices-none-short"), [section(t("voices-none-slack"))]
    result: list[Block] = [section(f"*{t('voices-title-count', count=len(voices))}*")]
    # Slack takes 50 blocks a message: two per voice, the newest ones first to go.
    shown, hidden = voices[:MAX_LISTED_VOICES], len(voices) - MAX_LISTED_VOICES
    for voice in shown:
        name = escape(voice.name)
        label = f"*{name}*" + (f"  _({t('default-marker')})_" if voice.is_default else "")
        languages_line = t("voice-languages", languages=escape(languages(t, voice)))
        result.append(section(f"{label}\n{languages_line}"))
        buttons = [button(t("button-preview"), VOICE_PREVIEW, voice.voice_id)]
        if not voice.is_default:
            buttons.append(button(t("button-make-default"), VOICE_DEFAULT, voice.voice_id))
        buttons.append(
            button(
                t("button-delete"),
                VOICE_DELETE,
                voice.voice_id,
                style="danger",
                confirm=confirm_dialog(
                    t("delete-confirm-title"),
                    t("delete-confirm-text", name=name),
                    t("button-delete"),
                    t("button-keep"),
                ),
            )
        )
        result.append(actions(f"voice:{voice.voice_id}", *buttons))
    if hidden > 0:
        result.append(section(t("voices-more-slack", count=hidden)))
    return t("voices-count", count=len(voices)), result


def preview_text(t: Translator, voice: VoiceRecord, url: str | None, *, posted: bool) -> str:
    name = f"*{escape(voice.name)}*"
    if url:
        return t("preview-of", name=name, url=f"<{url}|{t('preview-listen')}>")
    if posted:
        return t("preview-sent-to-dm", name=name)
    return t("preview-named-not-ready", name=name)


def default_set_text(t: Translator, voice: VoiceRecord) -> str:
    return t("default-now", name=f"*{escape(voice.name)}*")


def deleted_text(t: Translator, voice: VoiceRecord) -> str:
    return t("deleted", name=f"*{escape(voice.name)}*")


# --- listeners -----------------------------------------------------------------------------
def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_command(app, ctx, "/voices", show_voices)
    on_click(app, ctx, VOICE_PREVIEW, preview)
    on_click(app, ctx, VOICE_DEFAULT, make_default, replace_original=True)
    on_click(app, ctx, VOICE_DELETE, delete, replace_original=True)


async def show_voices(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member, t = await ctx.who(command.user_id, command.team_id)
    text, listing = voices_list(t, await ctx.voicebot.list_voices(member))
    await where.send(text, listing)


async def refresh_list(
    ctx: SlackContext, member: Member, t: Translator, listing: PrivateReply, note: str
) -> None:
    """Replace the clicked list by the new one, the outcome on top."""
    _, voices = voices_list(t, await ctx.voicebot.list_voices(member))
    await listing.send(note, [section(note), *voices])


async def preview(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member, t = await ctx.who(click.user_id, click.team_id)
    found = await ctx.voicebot.preview(member, click.value)
    posted = False
    if found.audio:
        dm = await open_dm(ctx.client, member.user_id)
        title = t("preview-title", name=found.voice.name)
        await post_preview(ctx.client, dm, title, found.audio, found.content_type)
        posted = True
    await where.send(preview_text(t, found.voice, found.url, posted=posted))


async def make_default(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member, t = await ctx.who(click.user_id, click.team_id)
    voice = await ctx.voicebot.make_default(member, click.value)
    await refresh_list(ctx, member, t, listing, default_set_text(t, voice))


async def delete(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member, t = await ctx.who(click.user_id, click.team_id)
    voice = await ctx.voicebot.delete_voice(member, click.value)
    await refresh_list(ctx, member, t, listing, deleted_text(t, voice))
