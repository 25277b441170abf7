"""The pieces of what the bot posts on Discord: no mentions, escaped user text, audio files
and button views."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.facade import audio_file_name

#: Replies echo user text (names, /say text): never let them ping anyone.
NO_MENTIONS = discord.AllowedMentions.none()


def escape(text: str) -> str:
    """User text as Discord markdown that can't format, link or mention."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def audio_file(audio: bytes, content_type: str | None, stem: str) -> discord.File:
    return discord.File(io.BytesIO(audio), filename=audio_file_name(stem, content_type))


def view_of(*items: discord.ui.Item[Any]) -> discord.ui.View:
    # No timeout: the buttons are dispatched by template, and a timeout would leave a timer
    # task per prompt behind.
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view
