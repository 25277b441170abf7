"""A member's voices on Discord: /voices with buttons, /voice preview|rename|default|delete."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext
from adapters.discord.replies import audio_file, escape, view_of
from bot.facade import Preview
from bot.i18n import Translator
from bot.models import VoiceRecord

Button = discord.ui.Button[discord.ui.View]
_CUSTOM_ID_MAX = 100
#: Discord allows 5 rows of buttons; one row per voice.
MAX_VOICE_ROWS = 5
#: Discord messages hold 2,000 characters.
MAX_LIST_CHARS = 1900
_VOICE_ACTIONS = {
    "play": ("button-preview", discord.ButtonStyle.secondary),
    "default": ("button-make-default", discord.ButtonStyle.primary),
    "delete": ("button-delete", discord.ButtonStyle.danger),
}


# --- texts ---------------------------------------------------------------------------------
def voice_line(t: Translator, voice: VoiceRecord) -> str:
    star = f" ⭐ {t('default-marker')}" if voice.is_default else ""
    return f"• **{escape(voice.name)}**{star} ({t.languages(voice.languages)})"


def voices_text(t: Translator, voices: Sequence[VoiceRecord]) -> str:
    if not voices:
        return t("voices-none")
    lines = [f"**{t('voices-title')}**"]
    for shown, voice in enumerate(voices):
        line = voice_line(t, voice)
        if sum(len(x) + 1 for x in lines) + len(line) > MAX_LIST_CHARS:
            lines.append(t("voices-more", count=len(voices) - shown))
            break
        lines.append(line)
    return "\n".join(lines)


def preview_message(t: Translator, preview: Preview) -> tuple[str, list[discord.File]]:
    voice = preview.voice
    lines = [f"🔊 **{escape(voice.name)}** ({t.languages(voice.languages)})"]
    if preview.url:
        lines.append(t("preview-link", url=preview.url))
    elif not preview.audio:
        lines.append(t("preview-not-ready"))
    files = []
    if preview.audio:
        files.append(audio_file(preview.audio, preview.content_type, "preview"))
    return "\n".join(lines), files


# --- the buttons under /voices -------------------------------------------------------------
class VoiceButton(
    discord.ui.DynamicItem[Button], template=r"vc:voice:(?P<action>play|default|delete):(?P<id>.+)"
):
    # The label matters only when the list is posted; a click is dispatched by template.
    def __init__(
        self, action: str, voice_id: str, *, label: str = "", row: int | None = None
    ) -> None:
        _, style = _VOICE_ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=(label or action)[:80],
                style=style,
                custom_id=f"vc:voice:{action}:{voice_id}",
            ),
            row=row,
        )
        self.action = action
        self.voice_id = voice_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoiceButton:
        return cls(match["action"], match["id"])

    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = DiscordContext.of(interaction)
        await ctx.run_click(voice_button(ctx, self.action, self.voice_id))


def voices_view(t: Translator, voices: Sequence[VoiceRecord]) -> discord.ui.View | None:
    items: list[discord.ui.Item[Any]] = []
    shown = [v for v in voices if len(f"vc:voice:default:{v.voice_id}") <= _CUSTOM_ID_MAX]
    for row, voice in enumerate(shown[:MAX_VOICE_ROWS]):
        for action, (key, _) in _VOICE_ACTIONS.items():
            if action == "default" and voice.is_default:
                continue
            label = f"▶ {voice.name}" if action == "play" else t(key)
            items.append(VoiceButton(action, voice.voice_id, label=label, row=row))
    return view_of(*items) if items else None


async def voice_button(ctx: DiscordContext, action: str, voice_id: str) -> None:
    if action == "play":
        # The preview comes as a new private message with its audio.
        await ctx.begin()
        content, files = preview_message(ctx.t, await ctx.voicebot.preview(ctx.member, voice_id))
        await ctx.reply(content, files=files)
        return
    # Default and delete update the list itself, so its buttons never go stale; an error
    # arrives as a private follow-up and leaves the list alone.
    await ctx.begin_click()
    t = ctx.t
    if action == "default":
        voice = await ctx.voicebot.make_default(ctx.member, voice_id)
        text = f"⭐ {t('default-now', name=f'**{escape(voice.name)}**')}"
    else:
        voice = await ctx.voicebot.delete_voice(ctx.member, voice_id)
        text = f"🗑️ {t('deleted', name=f'**{escape(voice.name)}**')}"
    voices = await ctx.voicebot.list_voices(ctx.member)
    await ctx.reply(f"{text}\n\n{voices_text(t, voices)}", view=voices_view(t, voices))


# --- commands ------------------------------------------------------------------------------
async def voice_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    ctx = DiscordContext.of(interaction)
    voices = await ctx.voicebot.list_voices(ctx.member)
    wanted = current.strip().lower()
    return [
        app_commands.Choice(name=voice.name[:100], value=voice.voice_id)
        for voice in voices
        if wanted in voice.name.lower()
    ][:25]


@app_commands.command(name="voices", description="List your cloned voices")
async def voices_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    voices = await ctx.voicebot.list_voices(ctx.member)
    await ctx.reply(voices_text(ctx.t, voices), view=voices_view(ctx.t, voices))


voice_group = app_commands.Group(name="voice", description="Manage one of your cloned voices")


@voice_group.command(name="preview", description="Hear a preview of one of your voices")
@app_commands.describe(voice="Which voice (your default if left out)")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_preview(interaction: discord.Interaction, voice: str | None = None) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    preview = await ctx.voicebot.preview(ctx.member, voice)
    content, files = preview_message(ctx.t, preview)
    await ctx.reply(content, files=files)


@voice_group.command(name="rename", description="Rename one of your voices")
@app_commands.describe(voice="Which voice", name="The new name", description="A new description")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_rename(
    interaction: discord.Interaction,
    voice: str,
    name: app_commands.Range[str, 1, 100],
    description: app_commands.Range[str, 1, 300] | None = None,
) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    renamed = await ctx.voicebot.rename(ctx.member, voice, name, description)
    await ctx.reply(f"✏️ {ctx.t('renamed', voice=voice_line(ctx.t, renamed))}")


@voice_group.command(name="default", description="Make one of your voices the default for /say")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_default(interaction: discord.Interaction, voice: str) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    chosen = await ctx.voicebot.make_default(ctx.member, voice)
    await ctx.reply(f"⭐ {ctx.t('default-voice-is', voice=voice_line(ctx.t, chosen))}")


@voice_group.command(name="delete", description="Delete one of your voices")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_delete(interaction: discord.Interaction, voice: str) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    deleted = await ctx.voicebot.delete_voice(ctx.member, voice)
    text = ctx.t("deleted", name=f"**{escape(deleted.name)}**")
    await ctx.reply(f"🗑️ {text}")
