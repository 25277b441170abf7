"""A member's voices on Discord: /voices with buttons, /voice preview|rename|default|delete."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from adapters.discord.clone import languages
from adapters.discord.errors import reporting_errors
from adapters.discord.plumbing import (
    NO_MENTIONS,
    audio_file,
    begin,
    click_accepted,
    escape,
    member_from_interaction,
    reply,
    view_of,
    voicebot_of,
)
from bot.models import VoiceRecord
from bot.preview import Preview

Button = discord.ui.Button[discord.ui.View]
_CUSTOM_ID_MAX = 100
#: Discord allows 5 rows of buttons; one row per voice.
MAX_VOICE_ROWS = 5
#: Discord messages hold 2,000 characters.
MAX_LIST_CHARS = 1900
_VOICE_ACTIONS = {
    "play": ("Preview", discord.ButtonStyle.secondary),
    "default": ("Make default", discord.ButtonStyle.primary),
    "delete": ("Delete", discord.ButtonStyle.danger),
}


# --- texts ---------------------------------------------------------------------------------
def voice_line(voice: VoiceRecord) -> str:
    star = " ⭐ default" if voice.is_default else ""
    return f"• **{escape(voice.name)}**{star} ({languages(voice)})"


def voices_text(voices: Sequence[VoiceRecord]) -> str:
    if not voices:
        return (
            "You have no cloned voice yet. Use /clone with a recording of you speaking, or send "
            "me a voice message in a direct message."
        )
    lines = ["**Your voices**"]
    for shown, voice in enumerate(voices):
        line = voice_line(voice)
        if sum(len(x) + 1 for x in lines) + len(line) > MAX_LIST_CHARS:
            lines.append(f"…and {len(voices) - shown} more.")
            break
        lines.append(line)
    return "\n".join(lines)


def preview_message(preview: Preview) -> tuple[str, list[discord.File]]:
    voice = preview.voice
    lines = [f"🔊 **{escape(voice.name)}** ({languages(voice)})"]
    if preview.url:
        lines.append(f"Preview: {preview.url}")
    elif not preview.audio:
        lines.append("The preview isn't ready yet: try again in a moment.")
    files = []
    if preview.audio:
        files.append(audio_file(preview.audio, preview.content_type, "preview"))
    return "\n".join(lines), files


# --- the buttons under /voices -------------------------------------------------------------
class VoiceButton(
    discord.ui.DynamicItem[Button], template=r"vc:voice:(?P<action>play|default|delete):(?P<id>.+)"
):
    def __init__(
        self, action: str, voice_id: str, *, label: str | None = None, row: int | None = None
    ) -> None:
        default_label, style = _VOICE_ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=(label or default_label)[:80],
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
        await reporting_errors(interaction, voice_button(interaction, self.action, self.voice_id))


def voices_view(voices: Sequence[VoiceRecord]) -> discord.ui.View | None:
    items: list[discord.ui.Item[Any]] = []
    shown = [v for v in voices if len(f"vc:voice:default:{v.voice_id}") <= _CUSTOM_ID_MAX]
    for row, voice in enumerate(shown[:MAX_VOICE_ROWS]):
        for action in _VOICE_ACTIONS:
            if action == "default" and voice.is_default:
                continue
            label = f"▶ {voice.name}" if action == "play" else None
            items.append(VoiceButton(action, voice.voice_id, label=label, row=row))
    return view_of(*items) if items else None


async def voice_button(interaction: discord.Interaction, action: str, voice_id: str) -> None:
    voicebot = voicebot_of(interaction)
    member = member_from_interaction(interaction)
    if action == "play":
        # The preview comes as a new private message with its audio.
        await interaction.response.defer(ephemeral=True, thinking=True)
        click_accepted(interaction)
        content, files = preview_message(await voicebot.preview(member, voice_id))
        await interaction.edit_original_response(
            content=content, attachments=files, allowed_mentions=NO_MENTIONS
        )
        return
    # Default and delete update the list itself, so its buttons never go stale; an error
    # arrives as a private follow-up and leaves the list alone.
    await interaction.response.defer()
    if action == "default":
        voice = await voicebot.make_default(member, voice_id)
        text = f"⭐ **{escape(voice.name)}** is now your default voice."
    else:
        voice = await voicebot.delete_voice(member, voice_id)
        text = f"🗑️ Deleted **{escape(voice.name)}**."
    voices = await voicebot.list_voices(member)
    await interaction.edit_original_response(
        content=f"{text}\n\n{voices_text(voices)}",
        view=voices_view(voices),
        allowed_mentions=NO_MENTIONS,
    )


# --- commands ------------------------------------------------------------------------------
async def voice_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    voices = await voicebot_of(interaction).list_voices(member_from_interaction(interaction))
    wanted = current.strip().lower()
    return [
        app_commands.Choice(name=voice.name[:100], value=voice.voice_id)
        for voice in voices
        if wanted in voice.name.lower()
    ][:25]


@app_commands.command(name="voices", description="List your cloned voices")
async def voices_command(interaction: discord.Interaction) -> None:
    await begin(interaction)
    voices = await voicebot_of(interaction).list_voices(member_from_interaction(interaction))
    await reply(interaction, voices_text(voices), view=voices_view(voices))


voice_group = app_commands.Group(name="voice", description="Manage one of your cloned voices")


@voice_group.command(name="preview", description="Hear a preview of one of your voices")
@app_commands.describe(voice="Which voice (your default if left out)")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_preview(interaction: discord.Interaction, voice: str | None = None) -> None:
    await begin(interaction)
    preview = await voicebot_of(interaction).preview(member_from_interaction(interaction), voice)
    content, files = preview_message(preview)
    await reply(interaction, content, files=files)


@voice_group.command(name="rename", description="Rename one of your voices")
@app_commands.describe(voice="Which voice", name="The new name", description="A new description")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_rename(
    interaction: discord.Interaction,
    voice: str,
    name: app_commands.Range[str, 1, 100],
    description: app_commands.Range[str, 1, 300] | None = None,
) -> None:
    await begin(interaction)
    renamed = await voicebot_of(interaction).rename(
        member_from_interaction(interaction), voice, name, description
    )
    await reply(interaction, f"✏️ Renamed: {voice_line(renamed)}")


@voice_group.command(name="default", description="Make one of your voices the default for /say")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_default(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    chosen = await voicebot_of(interaction).make_default(
        member_from_interaction(interaction), voice
    )
    await reply(interaction, f"⭐ Default voice: {voice_line(chosen)}")


@voice_group.command(name="delete", description="Delete one of your voices")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_delete(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    deleted = await voicebot_of(interaction).delete_voice(
        member_from_interaction(interaction), voice
    )
    await reply(interaction, f"🗑️ Deleted **{escape(deleted.name)}**.")
