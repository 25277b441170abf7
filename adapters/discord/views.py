"""Buttons that survive a restart.

Each button is a :class:`discord.ui.DynamicItem` whose ``custom_id`` carries what the click
needs (the stored pending token, or a voice id); the templates are registered in
``setup_hook`` so clicks on messages sent before a restart are still dispatched. Who may answer
is decided by the core (the token belongs to one member).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Sequence
from typing import Any

import discord

from adapters.discord import flows, rendering
from bot.models import VoiceRecord

_TOKEN = r"(?P<token>[A-Za-z0-9_-]{1,80})"
_CUSTOM_ID_MAX = 100
#: Discord allows 5 rows of buttons; one row per voice.
MAX_VOICE_ROWS = 5

Button = discord.ui.Button[discord.ui.View]


async def _reporting_errors(interaction: discord.Interaction, handler: Awaitable[None]) -> None:
    try:
        await handler
    except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for clicks
        await rendering.show_error(interaction, exc)


class ConsentButton(discord.ui.DynamicItem[Button], template=rf"vc:consent:{_TOKEN}"):
    def __init__(self, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="I consent, this is my voice",
                style=discord.ButtonStyle.success,
                custom_id=f"vc:consent:{token}",
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ConsentButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reporting_errors(interaction, flows.consent_given(interaction, self.token))


class CancelButton(discord.ui.DynamicItem[Button], template=rf"vc:cancel:{_TOKEN}"):
    def __init__(self, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Cancel", style=discord.ButtonStyle.secondary, custom_id=f"vc:cancel:{token}"
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CancelButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reporting_errors(interaction, flows.cancelled(interaction, self.token))


class ForgetButton(discord.ui.DynamicItem[Button], template=rf"vc:forget:{_TOKEN}"):
    def __init__(self, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Erase everything",
                style=discord.ButtonStyle.danger,
                custom_id=f"vc:forget:{token}",
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ForgetButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reporting_errors(interaction, flows.forget_confirmed(interaction, self.token))


_VOICE_ACTIONS = {
    "play": ("Preview", discord.ButtonStyle.secondary),
    "default": ("Make default", discord.ButtonStyle.primary),
    "delete": ("Delete", discord.ButtonStyle.danger),
}


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
        await _reporting_errors(
            interaction, flows.voice_button(interaction, self.action, self.voice_id)
        )


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    ConsentButton,
    CancelButton,
    ForgetButton,
    VoiceButton,
)


def _view(*items: discord.ui.Item[Any]) -> discord.ui.View:
    # No timeout: the buttons are dispatched by template, and a timeout would leave a timer
    # task per prompt behind.
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


def consent_view(token: str) -> discord.ui.View:
    return _view(ConsentButton(token), CancelButton(token))


def forget_view(token: str) -> discord.ui.View:
    return _view(ForgetButton(token), CancelButton(token))


def voices_view(voices: Sequence[VoiceRecord]) -> discord.ui.View | None:
    items: list[discord.ui.Item[Any]] = []
    shown = [v for v in voices if len(f"vc:voice:default:{v.voice_id}") <= _CUSTOM_ID_MAX]
    for row, voice in enumerate(shown[:MAX_VOICE_ROWS]):
        for action in _VOICE_ACTIONS:
            if action == "default" and voice.is_default:
                continue
            label = f"▶ {voice.name}" if action == "play" else None
            items.append(VoiceButton(action, voice.voice_id, label=label, row=row))
    return _view(*items) if items else None
