"""What happens after a member clicks: consent → clone, cancel, forget-me, voice buttons.

Every click is a new interaction with its own 3 s deadline, so each handler acknowledges first
and only then talks to the core. Errors are raised to the caller, which renders them
(:func:`adapters.discord.rendering.show_error`).
"""

from __future__ import annotations

import logging

import discord

from adapters.discord import rendering, sources, views
from adapters.discord.identity import member_from_interaction
from adapters.discord.services import services_of
from bot.pending import ConsentExpired

log = logging.getLogger(__name__)


def _accept_reply(interaction: discord.Interaction) -> None:
    """From now on the clicked message is this member's, and errors belong in it."""
    interaction.extras[rendering.ERRORS_REPLACE_REPLY] = True


async def _edit(interaction: discord.Interaction, content: str) -> None:
    await interaction.edit_original_response(
        content=content, view=None, attachments=[], allowed_mentions=rendering.NO_MENTIONS
    )


async def consent_given(interaction: discord.Interaction, token: str) -> None:
    await interaction.response.defer()
    services = services_of(interaction.client)
    voicebot = services.voicebot
    member = member_from_interaction(interaction)
    # Exactly one click wins here: a double click or a redelivered click gets ConsentExpired,
    # someone else's click gets NotOwner, and neither touches the prompt.
    action = await voicebot.take_pending(token, member)
    if action.kind != "clone":
        raise ConsentExpired()
    _accept_reply(interaction)
    source_ref = dict(action.payload["source"])
    shown = rendering.progress_text("reading")
    # The buttons go at once, so the prompt can't be clicked again while we work.
    await _edit(interaction, shown)

    async def progress(stage: str) -> None:
        nonlocal shown
        text = rendering.progress_text(stage)
        if text == shown:
            return
        shown = text
        try:
            await _edit(interaction, text)
        except discord.HTTPException as exc:
            # Progress is cosmetic: a failed edit must not fail the clone.
            log.warning("progress edit failed (interaction %s): %s", interaction.id, exc.status)

    attachment = await sources.locate(interaction.client, services.attachments, source_ref)
    result = await voicebot.clone(
        member,
        services.source(attachment),
        idempotency_key=sources.idempotency_key(source_ref),
        consent=voicebot.consent_for(action),
        options=voicebot.options_of(action),
        progress=progress,
    )
    services.attachments.forget(attachment.id)
    content, files = rendering.clone_result(result)
    await interaction.edit_original_response(
        content=content, attachments=files, view=None, allowed_mentions=rendering.NO_MENTIONS
    )


async def cancelled(interaction: discord.Interaction, token: str) -> None:
    await interaction.response.defer()
    voicebot = services_of(interaction.client).voicebot
    await voicebot.cancel_pending(token, member_from_interaction(interaction))
    _accept_reply(interaction)
    await _edit(interaction, rendering.CANCELLED)


async def forget_confirmed(interaction: discord.Interaction, token: str) -> None:
    await interaction.response.defer()
    voicebot = services_of(interaction.client).voicebot
    member = member_from_interaction(interaction)
    action = await voicebot.take_pending(token, member)
    if action.kind != "forget":
        raise ConsentExpired()
    _accept_reply(interaction)
    await _edit(interaction, "⏳ Erasing…")
    report = await voicebot.forget(member)
    await _edit(interaction, rendering.forget_text(report))


async def voice_button(interaction: discord.Interaction, action: str, voice_id: str) -> None:
    voicebot = services_of(interaction.client).voicebot
    member = member_from_interaction(interaction)
    if action == "play":
        # The preview comes as a new private message with its audio.
        await interaction.response.defer(ephemeral=True, thinking=True)
        _accept_reply(interaction)
        preview = await voicebot.preview(member, voice_id)
        content, files = rendering.preview_message(preview)
        await interaction.edit_original_response(
            content=content, attachments=files, allowed_mentions=rendering.NO_MENTIONS
        )
        return
    # Default and delete update the list itself, so its buttons never go stale; an error
    # arrives as a private follow-up and leaves the list alone.
    await interaction.response.defer()
    if action == "default":
        voice = await voicebot.make_default(member, voice_id)
        text = f"⭐ **{discord.utils.escape_markdown(voice.name)}** is now your default voice."
    else:
        voice = await voicebot.delete_voice(member, voice_id)
        text = f"🗑️ Deleted **{discord.utils.escape_markdown(voice.name)}**."
    voices = await voicebot.list_voices(member)
    await interaction.edit_original_response(
        content=f"{text}\n\n{rendering.voices_text(voices)}",
        view=views.voices_view(voices),
        allowed_mentions=rendering.NO_MENTIONS,
    )
