"""/say: speech in the member's voice, as a native voice message where Discord takes one.

A native voice message (flag IS_VOICE_MESSAGE), which discord.py can't send itself, is one Ogg
Opus attachment with ``duration_secs`` and a base64 ``waveform``, no text, and flag 8192.
Discord only honours the two fields when the file part is declared as ``audio/ogg``. We post it
as an interaction follow-up (it works wherever the command was used, even where the bot is not
a channel member) through discord.py's HTTP client, so the request gets the library's rate
limiting and its base URL.
"""

from __future__ import annotations

import json
import logging

import discord
from discord import app_commands
from discord.http import Route

from adapters.discord.context import DiscordContext
from adapters.discord.replies import audio_file, escape
from adapters.discord.voice_channel_commands import say_in_voice_channel
from adapters.discord.voices import voice_autocomplete
from bot.errors import TooLarge

log = logging.getLogger(__name__)

#: What bots may upload when discord.py is too old to tell (Interaction.filesize_limit, 2.6+).
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024

IS_VOICE_MESSAGE = 1 << 13
FILENAME = "voice-message.ogg"


def voice_message_form(ogg: bytes, duration_secs: float, waveform: str) -> list[dict[str, object]]:
    payload = {
        "flags": IS_VOICE_MESSAGE,
        "allowed_mentions": {"parse": []},
        "attachments": [
            {
                "id": 0,
                "filename": FILENAME,
                "duration_secs": round(duration_secs, 2),
                "waveform": waveform,
            }
        ],
    }
    return [
        {"name": "payload_json", "value": json.dumps(payload), "content_type": "application/json"},
        {"name": "files[0]", "value": ogg, "filename": FILENAME, "content_type": "audio/ogg"},
    ]


async def send_voice_followup(
    interaction: discord.Interaction, ogg: bytes, duration_secs: float, waveform: str
) -> None:
    """Post a voice message as a follow-up of ``interaction``. Raises discord.HTTPException
    (the caller falls back to a plain audio file on a 4xx)."""
    route = Route(
        "POST",
        "/webhooks/{webhook_id}/{webhook_token}",
        webhook_id=interaction.application_id,
        webhook_token=interaction.token,
    )
    await interaction.client.http.request(
        route, form=voice_message_form(ogg, duration_secs, waveform), params={"wait": "true"}
    )


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
    ctx = DiscordContext.of(interaction)
    await ctx.begin(ephemeral=private)
    # In the member's voice channel when there is one the bot may speak in (never private).
    if not private and await say_in_voice_channel(ctx, text, voice):
        return
    speech = await ctx.voicebot.say(ctx.member, text, voice)
    t = ctx.t
    label = speech.label(escape(ctx.display_name), escape, messages=t)

    def plain_file() -> list[discord.File]:
        limit = getattr(ctx.interaction, "filesize_limit", DEFAULT_UPLOAD_LIMIT)
        if len(speech.audio) > limit:
            raise TooLarge(
                "That makes too long a recording to post here: say less at once.",
                key="error-upload-too-large",
            )
        return [audio_file(speech.audio, speech.content_type, "speech")]

    if private:
        # Ephemeral messages can't be voice messages: a plain audio file plays in place too.
        await ctx.reply(label, files=plain_file())
        return
    voice_message = await ctx.voicebot.to_voice_message(speech.audio)
    # A voice message can't carry text, so the label goes in the reply and the voice message
    # follows it; the reply says why it isn't spoken in a voice channel.
    label = f"{label}\n-# 🔉 {t('say-posted-as-audio')}"
    await ctx.reply(label)
    try:
        await send_voice_followup(
            ctx.interaction,
            voice_message.ogg,
            voice_message.duration_secs,
            voice_message.waveform,
        )
    except discord.HTTPException as exc:
        if not 400 <= exc.status < 500:
            raise
        log.warning("voice message refused (%s %s): sending a plain file", exc.status, exc.code)
        await ctx.reply(label, files=plain_file())
