"""/say: speech in the member's voice, as a native voice message where Discord takes one."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from adapters.discord import rendering
from adapters.discord.identity import member_from_interaction
from adapters.discord.replies import begin, reply
from adapters.discord.services import services_of
from adapters.discord.voice_channel_commands import say_in_voice_channel
from adapters.discord.voice_commands import voice_autocomplete
from adapters.discord.voice_message import send_voice_followup
from bot.errors import TooLarge

log = logging.getLogger(__name__)

#: What bots may upload when discord.py is too old to tell (Interaction.filesize_limit, 2.6+).
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024


@app_commands.command(name="say", description="Say something with your cloned voice")
@app_commands.describe(
    text="What to say",
    voice="Which of your voices (your default if left out)",
    private="Only you hear it",
)
@app_commands.autocomplete(voice=voice_autocomplete)
async def say_command(
    interaction: discord.Interaction,
    text: app_commands.Range[str, 1, 2000],
    voice: str | None = None,
    private: bool = False,
) -> None:
    await begin(interaction, ephemeral=private)
    # --- voice channel playback hook (adapters/discord/voice_channel_commands.py) ---
    if not private and await say_in_voice_channel(interaction, text, voice):
        return
    voicebot = services_of(interaction.client).voicebot
    speech = await voicebot.say(member_from_interaction(interaction), text, voice)
    label = speech.label(interaction.user.display_name)

    def plain_file() -> list[discord.File]:
        limit = getattr(interaction, "filesize_limit", DEFAULT_UPLOAD_LIMIT)
        if len(speech.audio) > limit:
            raise TooLarge("That makes too long a recording to post here: say less at once.")
        return [rendering.audio_file(speech.audio, speech.content_type, "speech")]

    if private:
        # Ephemeral messages can't be voice messages: a plain audio file plays in place too.
        await reply(interaction, label, files=plain_file())
        return
    voice_message = await voicebot.converter.to_voice_message(speech.audio)
    # A voice message can't carry text, so the label goes in the reply and the voice message
    # follows it.
    await reply(interaction, label)
    try:
        await send_voice_followup(
            interaction,
            voice_message.ogg,
            voice_message.duration_secs,
            voice_message.waveform,
        )
    except discord.HTTPException as exc:
        if not 400 <= exc.status < 500:
            raise
        log.warning("voice message refused (%s %s): sending a plain file", exc.status, exc.code)
        await reply(interaction, label, files=plain_file())
