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
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_click, on_command
from adapters.slack.payloads import Click, Command
from adapters.slack.replies import open_dm
from adapters.slack.uploads import post_preview
from bot.i18n import Translator
from bot.models import VoiceRecord

log = logging.getLogger(__name__)


# --- texts ---------------------------------------------------------------------------------
MAX_LISTED_VOICES = 20
#: A name in a delete confirmation (300 characters at most): escaped, 40 characters make at
#: most 200 (``&`` is ``&amp;``), leaving room for the sentence around it.
MAX_CONFIRM_NAME_CHARS = 40


def shorten(name: str, limit: int = MAX_CONFIRM_NAME_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


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
        languages_line = t("voice-languages", languages=escape(t.languages(voice.languages)))
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
                    t("delete-confirm-text", name=escape(shorten(voice.name))),
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
def register(app: AsyncApp, services: SlackServices) -> None:
    on_command(app, services, "/voices", show_voices)
    on_click(app, services, VOICE_PREVIEW, preview)
    on_click(app, services, VOICE_DEFAULT, make_default, replace_original=True)
    on_click(app, services, VOICE_DELETE, delete, replace_original=True)


async def show_voices(ctx: SlackContext, _: Command) -> None:
    text, listing = voices_list(ctx.t, await ctx.voicebot.list_voices(ctx.member))
    await ctx.reply(text, listing)


async def refresh_list(ctx: SlackContext, note: str) -> None:
    """Replace the clicked list by the new one, the outcome on top."""
    _, voices = voices_list(ctx.t, await ctx.voicebot.list_voices(ctx.member))
    await ctx.reply(note, [section(note), *voices])


async def preview(ctx: SlackContext, click: Click) -> None:
    found = await ctx.voicebot.preview(ctx.member, click.value)
    posted = False
    if found.audio:
        dm = await open_dm(ctx.client, ctx.user_id)
        title = ctx.t("preview-title", name=found.voice.name)
        await post_preview(ctx.client, dm, title, found.audio, found.content_type)
        posted = True
    await ctx.reply(preview_text(ctx.t, found.voice, found.url, posted=posted))


async def make_default(ctx: SlackContext, click: Click) -> None:
    voice = await ctx.voicebot.make_default(ctx.member, click.value)
    await refresh_list(ctx, default_set_text(ctx.t, voice))
    await ctx.services.changed(ctx)


async def delete(ctx: SlackContext, click: Click) -> None:
    voice = await ctx.voicebot.delete_voice(ctx.member, click.value)
    await refresh_list(ctx, deleted_text(ctx.t, voice))
    await ctx.services.changed(ctx)
