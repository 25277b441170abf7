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
    messages_of,
    reply,
    view_of,
    voicebot_of,
)
from bot.i18n import Translator
from bot.models import VoiceRecord
from bot.preview import Preview

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
    return f"• **{escape(voice.name)}**{star} ({languages(t, voice)})"


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
    lines = [f"🔊 **{escape(voice.name)}** ({languages(t, voice)})"]
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
        await reporting_errors(interaction, voice_button(interaction, self.action, self.voice_id))


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


async def voice_button(interaction: discord.Interaction, action: str, voice_id: str) -> None:
    voicebot = voicebot_of(interaction)
    member = member_from_interaction(interaction)
    t = messages_of(interaction)
    if action == "play":
        # The preview comes as a new private message with its audio.
        await interaction.response.defer(ephemeral=True, thinking=True)
        click_accepted(interaction)
        content, files = preview_message(t, await voicebot.preview(member, voice_id))
        await interaction.edit_original_response(
            content=content, attachments=files, allowed_mentions=NO_MENTIONS
        )
        return
    # Default and delete update the list itself, so its buttons never go stale; an error
    # arrives as a private follow-up and leaves the list alone.
    await interaction.response.defer()
    if action == "default":
        voice = await voicebot.make_default(member, voice_id)
        text = f"⭐ {t('default-now', name=f'**{escape(voice.name)}**')}"
    else:
        voice = await voicebot.delete_voice(member, voice_id)
        text = f"🗑️ {t('deleted', name=f'**{escape(voice.name)}**')}"
    voices = await voicebot.list_voices(member)
    await interaction.edit_original_response(
        content=f"{text}\n\n{voices_text(t, voices)}",
        view=voices_view(t, voices),
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
    t = messages_of(interaction)
    await reply(interaction, voices_text(t, voices), view=voices_view(t, voices))


voice_group = app_commands.Group(name="voice", description="Manage one of your cloned voices")


@voice_group.command(name="preview", description="Hear a preview of one of your voices")
@app_commands.describe(voice="Which voice (your default if left out)")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_preview(interaction: discord.Interaction, voice: str | None = None) -> None:
    await begin(interaction)
    preview = await voicebot_of(interaction).preview(member_from_interaction(interaction), voice)
    content, files = preview_message(messages_of(interaction), preview)
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
    t = messages_of(interaction)
    await reply(interaction, f"✏️ {t('renamed', voice=voice_line(t, renamed))}")


@voice_group.command(name="default", description="Make one of your voices the default for /say")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_default(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    chosen = await voicebot_of(interaction).make_default(
        member_from_interaction(interaction), voice
    )
    t = messages_of(interaction)
    await reply(interaction, f"⭐ {t('default-voice-is', voice=voice_line(t, chosen))}")


@voice_group.command(name="delete", description="Delete one of your voices")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_delete(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    deleted = await voicebot_of(interaction).delete_voice(
        member_from_interaction(interaction), voice
    )
    text = messages_of(interaction)("deleted", name=f"**{escape(deleted.name)}**")
    await reply(interaction, f"🗑️ {text}")
