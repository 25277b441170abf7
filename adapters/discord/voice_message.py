"""Native Discord voice messages (flag IS_VOICE_MESSAGE), which discord.py can't send itself.

A voice message is one Ogg Opus attachment with ``duration_secs`` and a base64 ``waveform``,
no text, and flag 8192. Discord only honours the two fields when the file part is declared as
``audio/ogg``. We post it as an interaction follow-up (it works wherever the command was used,
even where the bot is not a channel member) through discord.py's HTTP client, so the request
gets the library's rate limiting and its base URL.
"""

from __future__ import annotations

import json

import discord
from discord.http import Route

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
