"""Managing voices: /voices (with buttons), /voice preview|rename|default|delete, /forget-me."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord import rendering, views
from adapters.discord.identity import member_from_interaction
from adapters.discord.replies import begin, reply
from adapters.discord.services import services_of


async def voice_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    voicebot = services_of(interaction.client).voicebot
    voices = await voicebot.list_voices(member_from_interaction(interaction))
    wanted = current.strip().lower()
    return [
        app_commands.Choice(name=voice.name[:100], value=voice.voice_id)
        for voice in voices
        if wanted in voice.name.lower()
    ][:25]


@app_commands.command(name="voices", description="List your cloned voices")
async def voices_command(interaction: discord.Interaction) -> None:
    await begin(interaction)
    voices = await services_of(interaction.client).voicebot.list_voices(
        member_from_interaction(interaction)
    )
    await reply(interaction, rendering.voices_text(voices), view=views.voices_view(voices))


voice_group = app_commands.Group(name="voice", description="Manage one of your cloned voices")


@voice_group.command(name="preview", description="Hear a preview of one of your voices")
@app_commands.describe(voice="Which voice (your default if left out)")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_preview(interaction: discord.Interaction, voice: str | None = None) -> None:
    await begin(interaction)
    preview = await services_of(interaction.client).voicebot.preview(
        member_from_interaction(interaction), voice
    )
    content, files = rendering.preview_message(preview)
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
    renamed = await services_of(interaction.client).voicebot.rename(
        member_from_interaction(interaction), voice, name, description
    )
    await reply(interaction, f"✏️ Renamed: {rendering.voice_line(renamed)}")


@voice_group.command(name="default", description="Make one of your voices the default for /say")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_default(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    chosen = await services_of(interaction.client).voicebot.make_default(
        member_from_interaction(interaction), voice
    )
    await reply(interaction, f"⭐ Default voice: {rendering.voice_line(chosen)}")


@voice_group.command(name="delete", description="Delete one of your voices")
@app_commands.describe(voice="Which voice")
@app_commands.autocomplete(voice=voice_autocomplete)
async def voice_delete(interaction: discord.Interaction, voice: str) -> None:
    await begin(interaction)
    deleted = await services_of(interaction.client).voicebot.delete_voice(
        member_from_interaction(interaction), voice
    )
    name = discord.utils.escape_markdown(deleted.name)
    await reply(interaction, f"🗑️ Deleted **{name}**.")


@app_commands.command(name="forget-me", description="Erase your voices and everything about you")
async def forget_me_command(interaction: discord.Interaction) -> None:
    await begin(interaction)
    action = await services_of(interaction.client).voicebot.ask_confirmation(
        member_from_interaction(interaction), "forget", {}
    )
    await reply(interaction, rendering.FORGET_PROMPT, view=views.forget_view(action.token))
