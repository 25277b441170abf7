"""One context per Discord request, built once from the raw event: the services, who is
asking, their language, and how to answer them (as discord.py's and poise's ``Context``).

Handlers start with ``ctx = DiscordContext.of(interaction)`` (a command, a click, a menu, an
autocomplete) or ``ctx = DmContext.of(client, message)`` (something sent in DM), then use only
``ctx``. Where an error goes depends on how the request was answered so far, which the context
remembers: a private "thinking…" reply or an accepted prompt turns into the error; a public
reply is removed and the error goes to the member alone; otherwise it is a private follow-up.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable

import discord

from adapters.discord.command_translator import messages_for_interaction, messages_for_locales
from adapters.discord.errors import error_text
from adapters.discord.members import member_from_interaction, member_from_message
from adapters.discord.replies import NO_MENTIONS
from adapters.discord.services import PLATFORM, DiscordServices, services_of
from bot.app.settings import Settings
from bot.facade import VoiceBot, request_context
from bot.i18n import Translator
from bot.models import Member

log = logging.getLogger(__name__)

#: Where an interaction keeps its context, so every step of one request shares it (the
#: command, then the tree's error handler).
_CONTEXT_KEY = "voicebot_context"


class RequestContext:
    """What every request knows: the services, the member and their language."""

    def __init__(self, services: DiscordServices, member: Member, t: Translator) -> None:
        self.services = services
        self.member = member
        #: The texts in the member's language.
        self.t = t

    @property
    def voicebot(self) -> VoiceBot:
        return self.services.voicebot

    @property
    def settings(self) -> Settings:
        return self.services.settings


class DiscordContext(RequestContext):
    """A command, click, message menu or autocomplete: one :class:`discord.Interaction`."""

    def __init__(
        self,
        interaction: discord.Interaction,
        services: DiscordServices,
        member: Member,
        t: Translator,
    ) -> None:
        super().__init__(services, member, t)
        self.interaction = interaction
        #: The reply is private and is where an error belongs (a deferred command's
        #: "thinking…" message, a consent prompt whose click was accepted).
        self._errors_replace_reply = False
        #: The reply is public: an error removes it and goes to the member alone.
        self._errors_drop_reply = False

    @classmethod
    def of(cls, interaction: discord.Interaction) -> DiscordContext:
        """The interaction's context, built on first use."""
        found = interaction.extras.get(_CONTEXT_KEY)
        if isinstance(found, DiscordContext):
            return found
        services = services_of(interaction.client)
        # The member's client language, then the server's, then DEFAULT_LANGUAGE, then English.
        t = messages_for_interaction(interaction, services.settings.default_language)
        ctx = cls(interaction, services, member_from_interaction(interaction), t)
        interaction.extras[_CONTEXT_KEY] = ctx
        return ctx

    # --- where the request comes from ------------------------------------------------------
    @property
    def client(self) -> discord.Client:
        return self.interaction.client

    @property
    def guild_id(self) -> int | None:
        return self.interaction.guild_id

    @property
    def display_name(self) -> str:
        """The member's name as Discord shows it (raw: escape it before posting)."""
        return self.interaction.user.display_name

    # --- acknowledging ---------------------------------------------------------------------
    async def begin(self, *, ephemeral: bool = True) -> None:
        """Acknowledge before anything slow; the "thinking…" reply then holds the answer or
        the error."""
        await self.interaction.response.defer(ephemeral=ephemeral, thinking=True)
        # A private reply can turn into the error; a public one must not show it to the channel.
        if ephemeral:
            self._errors_replace_reply = True
        else:
            self._errors_drop_reply = True

    async def begin_click(self) -> None:
        """Acknowledge a click on a prompt (each click has its own 3 s deadline); the answer
        then replaces the prompt."""
        await self.interaction.response.defer()

    def click_accepted(self) -> None:
        """The core accepted a click on a prompt: the prompt is now the member's answer, and
        errors belong in it. (Before that, an error goes privately to whoever clicked, and the
        prompt stays as it is: someone else's click changes nothing.)"""
        self._errors_replace_reply = True

    # --- answering -------------------------------------------------------------------------
    async def reply(
        self,
        content: str,
        *,
        files: list[discord.File] | None = None,
        view: discord.ui.View | None = None,
    ) -> None:
        """Put the answer in the reply (or the clicked message): text, files, buttons."""
        await self.interaction.edit_original_response(
            content=content, attachments=files or [], view=view, allowed_mentions=NO_MENTIONS
        )

    async def replace_prompt(self, content: str) -> None:
        """Rewrite the clicked prompt; its buttons go, so it can't be clicked again."""
        await self.interaction.edit_original_response(
            content=content, view=None, attachments=[], allowed_mentions=NO_MENTIONS
        )

    # --- errors ----------------------------------------------------------------------------
    async def show_error(self, exc: BaseException) -> None:
        """The one way an error reaches a member who clicked or ran a command."""
        interaction = self.interaction
        text = error_text(self.voicebot, exc, self.t)
        try:
            if not interaction.response.is_done():
                await interaction.response.send_message(
                    text, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            elif self._errors_replace_reply:
                await interaction.edit_original_response(
                    content=text, view=None, attachments=[], allowed_mentions=NO_MENTIONS
                )
            elif self._errors_drop_reply:
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
                await interaction.delete_original_response()
            else:
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as delivery:
            log.warning(
                "could not show error to user %s (interaction %s): %s",
                interaction.user.id,
                interaction.id,
                delivery.status,
            )

    async def show_error_privately(self, exc: BaseException) -> None:
        """An error after the member was answered: the reply stays (it was heard in part); the
        member alone sees why it stopped."""
        self._errors_replace_reply = self._errors_drop_reply = False
        await self.show_error(exc)

    async def run_click(self, handler: Awaitable[None]) -> None:
        """Runs a click's handler; its failure is shown to the member who clicked. Every line
        logged meanwhile says it came from a Discord click (never who clicked)."""
        with request_context(PLATFORM, "click"):
            try:
                await handler
            except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for clicks
                await self.show_error(exc)


class DmContext(RequestContext):
    """A message a member sent the bot in DM."""

    def __init__(
        self, message: discord.Message, services: DiscordServices, member: Member, t: Translator
    ) -> None:
        super().__init__(services, member, t)
        self.message = message

    @classmethod
    def of(cls, client: discord.Client, message: discord.Message) -> DmContext:
        services = services_of(client)
        # A message sent in DM carries no locale: the operator's default language.
        t = messages_for_locales(None, None, services.settings.default_language)
        return cls(message, services, member_from_message(message), t)

    async def send(self, content: str) -> None:
        """Answer in the DM."""
        await self.message.channel.send(content, allowed_mentions=NO_MENTIONS)

    async def reply(self, content: str, *, view: discord.ui.View | None = None) -> None:
        """Answer the message itself (quoted, without pinging its author)."""
        await self.message.reply(
            content,
            view=view or discord.utils.MISSING,
            mention_author=False,
            allowed_mentions=NO_MENTIONS,
        )

    async def show_error(self, exc: BaseException) -> None:
        """The same as for an interaction: answer in the DM."""
        text = error_text(self.voicebot, exc, self.t)
        try:
            await self.message.channel.send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as delivery:
            log.warning("could not show error in channel: %s", delivery.status)
