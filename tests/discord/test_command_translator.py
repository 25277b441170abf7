"""Command names and descriptions in every language we speak, built by discord.py itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord import app_commands

from adapters.discord.client import COMMANDS
from adapters.discord.clone import clone_this_voice_menu
from adapters.discord.command_translator import (
    DISCORD_LOCALES,
    CatalogueCommandTranslator,
    messages_for_locales,
    valid_command_name,
)

OURS = {locale.value for locale, language in DISCORD_LOCALES.items() if language != "en"}


@pytest.fixture
async def payloads() -> AsyncIterator[list[dict[str, Any]]]:
    client = discord.Client(intents=discord.Intents.none())
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)
    translator = CatalogueCommandTranslator()
    built = [await command.get_translated_payload(tree, translator) for command in COMMANDS]
    built.append(await clone_this_voice_menu.get_translated_payload(tree, translator))
    yield built
    await client.close()


def _walk(payload: dict[str, Any]) -> list[dict[str, Any]]:
    found = [payload]
    for option in payload.get("options", []):
        found.extend(_walk(option))
    return found


async def test_every_name_and_description_is_localised(payloads: list[dict[str, Any]]) -> None:
    for payload in payloads:
        for item in _walk(payload):
            assert set(item.get("name_localizations", {})) == OURS, item["name"]
            if "description" in item:  # message menus have none
                assert set(item.get("description_localizations", {})) == OURS, item["name"]
            for choice in item.get("choices", []):
                assert set(choice.get("name_localizations", {})) == OURS, choice["name"]


async def test_names_are_valid_and_unique_in_every_locale(payloads: list[dict[str, Any]]) -> None:
    slash = [p for p in payloads if p.get("type", 1) == 1]
    for locale in OURS:
        top = [p["name_localizations"][locale] for p in slash]
        assert len(top) == len(set(top)), (locale, top)
        for payload in payloads:
            for item in _walk(payload):
                options = [o["name_localizations"][locale] for o in item.get("options", [])]
                assert len(options) == len(set(options)), (locale, item["name"])
                name = item["name_localizations"][locale]
                if payload.get("type", 1) == 1:
                    assert valid_command_name(name), (locale, name)
                else:
                    assert 1 <= len(name) <= 32
                description = item.get("description_localizations", {}).get(locale)
                if description is not None:
                    assert 1 <= len(description) <= 100


async def test_german_names_are_german(payloads: list[dict[str, Any]]) -> None:
    by_name = {p["name"]: p for p in payloads}
    assert by_name["clone"]["name_localizations"]["de"] == "klonen"
    assert by_name["forget-me"]["name_localizations"]["es-ES"] == "olvídame"
    assert by_name["Clone this voice"]["name_localizations"]["fr"] == "Cloner cette voix"
    delete = next(o for o in by_name["voice"]["options"] if o["name"] == "delete")
    assert delete["name_localizations"]["it"] == "elimina"
    gender = next(o for o in by_name["clone"]["options"] if o["name"] == "gender")
    female = next(c for c in gender["choices"] if c["name"] == "Female")
    assert female["name_localizations"]["de"] == "Weiblich"


def test_the_name_rule() -> None:
    assert valid_command_name("vergiss-mich")
    assert valid_command_name("max_textlänge")
    assert valid_command_name("olvídame")
    assert not valid_command_name("Klonen")
    assert not valid_command_name("zwei worte")
    assert not valid_command_name("d'abord")
    assert not valid_command_name("x" * 33)
    assert not valid_command_name("")


@pytest.mark.parametrize(
    ("member", "guild", "default", "expected"),
    [
        (discord.Locale.german, None, None, "de"),
        (discord.Locale.spain_spanish, discord.Locale.german, None, "es"),
        (discord.Locale.latin_american_spanish, None, None, "es"),
        (discord.Locale.brazil_portuguese, discord.Locale.french, None, "fr"),
        (discord.Locale.brazil_portuguese, None, None, "en"),
        (discord.Locale.brazil_portuguese, None, "it", "it"),
        (discord.Locale.japanese, discord.Locale.korean, None, "en"),
        (discord.Locale.american_english, discord.Locale.german, None, "en"),
        (None, discord.Locale.italian, None, "it"),
    ],
)
def test_the_reply_language(
    member: discord.Locale | None,
    guild: discord.Locale | None,
    default: str | None,
    expected: str,
) -> None:
    messages = messages_for_locales(member, guild, default)
    assert messages.locale == expected
    assert messages.platform == "discord"
