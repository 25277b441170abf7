"""Asking to clone: /clone with an attachment and the message menu 'Clone this voice'. Both
end with the consent prompt; the clone itself runs on the consent click (flows.py)."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord import rendering, sources, views
from adapters.discord.identity import member_from_interaction
from adapters.discord.replies import begin, reply
from adapters.discord.services import services_of
from bot.models import CloneOptions

Gender = Literal["Male", "Female", "Neutral", "Unspecified"]


async def _ask_consent(
    interaction: discord.Interaction,
    attachment: discord.Attachment,
    source_ref: dict[str, Any],
    options: CloneOptions,
    *,
    recorded_by: str | None = None,
) -> None:
    services = services_of(interaction.client)
    services.attachments.remember(attachment)
    action = await services.voicebot.ask_consent(
        member_from_interaction(interaction), source_ref, options, recorded_by=recorded_by
    )
    await reply(
        interaction,
        rendering.consent_prompt(services.voicebot),
        view=views.consent_view(action.token),
    )


@app_commands.command(name="clone", description="Clone your voice from a recording of you speaking")
@app_commands.describe(
    sample="A voice message or audio file of you speaking (10 to 30 seconds is best)",
    name="A name for the voice",
    description="A short description of the voice",
    accent='The accent, e.g. "American (US)"',
    gender="The voice's gender",
    style='Speaking styles, comma-separated, e.g. "Storytelling"',
    enhance="Remove background noise before cloning",
    transcript="What you say in the recording (improves the clone)",
)
async def clone_command(
    interaction: discord.Interaction,
    sample: discord.Attachment,
    name: app_commands.Range[str, 1, 100] | None = None,
    description: app_commands.Range[str, 1, 300] | None = None,
    accent: app_commands.Range[str, 1, 100] | None = None,
    gender: Gender | None = None,
    style: app_commands.Range[str, 1, 200] | None = None,
    enhance: bool | None = None,
    transcript: app_commands.Range[str, 1, 2000] | None = None,
) -> None:
    await begin(interaction)
    options = CloneOptions(
        name=name,
        description=description,
        accent=accent,
        gender=gender,
        style=style,
        enhance=enhance,
        transcript=transcript,
    )
    await _ask_consent(interaction, sample, sources.slash_source_ref(interaction, sample), options)


async def clone_this_voice(interaction: discord.Interaction, message: discord.Message) -> None:
    await begin(interaction)
    attachment = sources.require_audio(sources.pick_audio(message.attachments))
    await _ask_consent(
        interaction,
        attachment,
        sources.message_source_ref(message, attachment),
        CloneOptions(),
        recorded_by=str(message.author.id),
    )


clone_this_voice_menu: app_commands.ContextMenu = app_commands.ContextMenu(
    name="Clone this voice", callback=clone_this_voice
)
