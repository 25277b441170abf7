"""Discord speaks the member's language: command names and descriptions from the catalogues
(``tree.set_translator(CatalogueCommandTranslator())`` before syncing), and the translator for
an interaction's replies (:func:`messages_for_interaction`).

Keys follow the command tree: ``cmd-<path>-name`` / ``cmd-<path>-desc`` for commands and
groups (``cmd-voice-delete-name``), ``cmd-<path>-opt-<parameter>-name`` / ``-desc`` for options,
``cmd-choice-<choice>`` for choices, and ``menu-<name>`` for message menus.
"""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

import discord
from discord import app_commands

from bot.i18n import SOURCE_LOCALE, Translator, translator_for

log = logging.getLogger(__name__)

#: Discord's client languages that we have a catalogue for. Everything else gets Discord's
#: default (our English strings).
DISCORD_LOCALES: dict[discord.Locale, str] = {
    discord.Locale.american_english: "en",
    discord.Locale.british_english: "en",
    discord.Locale.german: "de",
    discord.Locale.spain_spanish: "es",
    discord.Locale.latin_american_spanish: "es",
    discord.Locale.french: "fr",
    discord.Locale.italian: "it",
}
PLATFORM = "discord"

MAX_NAME = 32
MAX_DESCRIPTION = 100
MAX_CHOICE_NAME = 100
Location = app_commands.TranslationContextLocation


def slug(text: str) -> str:
    """``Clone this voice`` → ``clone-this-voice``; ``Male`` → ``male``."""
    return "-".join(text.lower().split())


def catalogue_key(context: app_commands.TranslationContextTypes) -> str | None:
    """The catalogue key for the string Discord asks about, or None if we don't localise it."""
    location = context.location
    data: Any = context.data
    if location is Location.command_name and isinstance(data, app_commands.ContextMenu):
        return "menu-" + slug(data.name)
    if location in (Location.command_name, Location.group_name):
        return f"cmd-{_path(data)}-name"
    if location in (Location.command_description, Location.group_description):
        return f"cmd-{_path(data)}-desc"
    if location in (Location.parameter_name, Location.parameter_description):
        suffix = "name" if location is Location.parameter_name else "desc"
        return f"cmd-{_path(data.command)}-opt-{data.name}-{suffix}"
    if location is Location.choice_name:
        return "cmd-choice-" + slug(data.name)
    return None


def _path(command: Any) -> str:
    return "-".join(str(command.qualified_name).split())


def valid_command_name(name: str) -> bool:
    """Discord's rule for slash command, group and option names: 1 to 32 characters of
    ``^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]$``, and lowercase where the letter has cases."""
    if not 1 <= len(name) <= MAX_NAME or name != name.lower():
        return False
    return all(char in "-_" or unicodedata.category(char)[0] in "LN" for char in name)


def fits(location: app_commands.TranslationContextLocation, text: str, *, menu: bool) -> bool:
    if location in (Location.command_name, Location.group_name, Location.parameter_name):
        # Message menus are named like buttons: any text, spaces and capitals included.
        return 1 <= len(text) <= MAX_NAME if menu else valid_command_name(text)
    if location is Location.choice_name:
        return 1 <= len(text) <= MAX_CHOICE_NAME
    return 1 <= len(text) <= MAX_DESCRIPTION


class CatalogueCommandTranslator(app_commands.Translator):
    """discord.py asks this for every command string in every Discord locale when the tree is
    synced; English and unsupported locales keep the strings written in the code."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        return translate_command_string(locale, context)


def translate_command_string(
    locale: discord.Locale, context: app_commands.TranslationContextTypes
) -> str | None:
    language = DISCORD_LOCALES.get(locale)
    if language is None or language == SOURCE_LOCALE:
        return None
    key = catalogue_key(context)
    if key is None:
        return None
    messages = translator_for([language], PLATFORM)
    if not messages.has(key):
        log.warning("no %s translation for Discord command string %s", language, key)
        return None
    text = messages(key)
    menu = isinstance(context.data, app_commands.ContextMenu)
    if not fits(context.location, text, menu=menu):
        # Discord would refuse the whole sync: better the English string than none.
        log.warning("%s translation of %s breaks Discord's rules: %r", language, key, text)
        return None
    return text


def messages_for_interaction(
    interaction: discord.Interaction, default: str | None = None
) -> Translator:
    """The reply language: the member's client language, then the server's, then ``default``
    (the operator's DEFAULT_LANGUAGE), then English."""
    guild_locale = interaction.guild_locale if interaction.guild_id is not None else None
    return messages_for_locales(interaction.locale, guild_locale, default)


def messages_for_locales(
    member: discord.Locale | None, guild: discord.Locale | None, default: str | None = None
) -> Translator:
    candidates = [_tag(member), _tag(guild), default]
    return translator_for(candidates, PLATFORM)


def _tag(locale: discord.Locale | None) -> str | None:
    if locale is None:
        return None
    return DISCORD_LOCALES.get(locale)
