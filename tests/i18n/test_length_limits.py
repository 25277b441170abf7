"""Every text fits Discord's and Slack's limits, in every language, with the longest values
the bot puts into it."""

from __future__ import annotations

import pytest

from adapters.discord.command_translator import valid_command_name
from bot.i18n import LANGUAGES, Translator, messages_for
from tests.i18n.catalogue_data import PLURAL_SAMPLES, messages, sample_args, usage

# Discord
DISCORD_CONTENT = 2000
DISCORD_NAME = 32
DISCORD_DESCRIPTION = 100
DISCORD_CHOICE = 100
DISCORD_BUTTON = 80
DISCORD_MODAL_TITLE = 45
# Slack Block Kit
SLACK_BUTTON = 75
SLACK_SECTION = 3000
SLACK_CONTEXT = 3000
SLACK_HEADER = 150
SLACK_CONFIRM_TITLE = 100
SLACK_CONFIRM_TEXT = 300
SLACK_CONFIRM_BUTTON = 30

#: Texts that are titles of Slack header blocks or Discord modals if an adapter uses them so.
TITLES = (
    "consent-title",
    "consent-title-slack",
    "consent-title-slack-named",
    "forget-title",
    "forget-title-slack",
    "settings-title",
    "settings-title-server",
    "voices-title",
    "voices-title-count",
    "delete-confirm-title",
)


def _longest(messages_: Translator, key: str) -> str:
    message = messages(messages_.locale)[key]
    return max(
        (messages_(key, **sample_args(message, number)) for number in PLURAL_SAMPLES), key=len
    )


def _translators(locale: str) -> list[Translator]:
    return [messages_for(locale, "discord"), messages_for(locale, "slack")]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_discord_command_names_follow_discord_s_rules(locale: str) -> None:
    discord = messages_for(locale, "discord")
    for key in messages(locale):
        if key.startswith("cmd-") and key.endswith("-name"):
            assert valid_command_name(discord(key)), (key, discord(key))
        elif key.startswith("cmd-") and key.endswith("-desc"):
            assert 1 <= len(discord(key)) <= DISCORD_DESCRIPTION, key
        elif key.startswith("cmd-choice-"):
            assert 1 <= len(discord(key)) <= DISCORD_CHOICE, key
        elif key.startswith("menu-"):
            assert 1 <= len(discord(key)) <= DISCORD_NAME, key


@pytest.mark.parametrize("locale", LANGUAGES)
def test_buttons_fit_both_platforms(locale: str) -> None:
    for messages_ in _translators(locale):
        for key in messages(locale):
            if key.startswith("button-"):
                assert 1 <= len(messages_(key)) <= min(DISCORD_BUTTON, SLACK_BUTTON), key
        # Slack's confirm dialog on Delete: its buttons are shorter still.
        assert len(messages_("button-delete")) <= SLACK_CONFIRM_BUTTON
        assert len(messages_("button-keep")) <= SLACK_CONFIRM_BUTTON
        assert len(_longest(messages_, "delete-confirm-title")) <= SLACK_CONFIRM_TITLE
        assert len(_longest(messages_, "delete-confirm-text")) <= SLACK_CONFIRM_TEXT


@pytest.mark.parametrize("locale", LANGUAGES)
def test_titles_fit_headers_and_modals(locale: str) -> None:
    for messages_ in _translators(locale):
        for key in TITLES:
            longest = _longest(messages_, key)
            assert len(longest) <= SLACK_HEADER, key
            # Fixed titles can also title a Discord modal.
            if not usage(messages(locale)[key]).variables and "-slack" not in key:
                assert len(longest) <= DISCORD_MODAL_TITLE, key


@pytest.mark.parametrize("locale", LANGUAGES)
def test_every_text_fits_a_message_and_a_section(locale: str) -> None:
    for messages_ in _translators(locale):
        for key in messages(locale):
            if key.startswith(("cmd-", "menu-")):
                continue
            longest = _longest(messages_, key)
            assert len(longest) <= min(DISCORD_CONTENT, SLACK_SECTION, SLACK_CONTEXT), key


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_longest_composed_messages_fit(locale: str) -> None:
    discord = messages_for(locale, "discord")
    # The Discord consent prompt: title, statement, instructions.
    prompt = "\n".join(
        [
            f"**{discord('consent-title')}**",
            discord.consent().text,
            "",
            _longest(discord, "consent-instructions"),
        ]
    )
    assert len(prompt) <= DISCORD_CONTENT
    # An error with its small print.
    for key in messages(locale):
        if key.startswith("error-"):
            note = discord(
                "error-code-note-reference", code="service_misconfigured", reference="0" * 8
            )
            assert len(f"{_longest(discord, key)}\n-# {note}") <= DISCORD_CONTENT, key
    # The clone result with every line.
    result = "\n".join(
        [
            "✅ " + _longest(discord, "clone-ready"),
            _longest(discord, "voice-languages"),
            _longest(discord, "preview-link"),
            discord("clone-next-steps"),
        ]
    )
    assert len(result) <= DISCORD_CONTENT
    # The /say label with the longest owner, voice name and quote.
    label = discord.say_label("O" * 32, "V" * 80, "T" * 300)
    assert len(label) <= DISCORD_CONTENT and len(label) <= SLACK_SECTION
    slack = messages_for(locale, "slack")
    statement = slack.consent().text
    assert len(">" + statement) <= SLACK_SECTION
    assert len(_longest(slack, "consent-only-you")) <= SLACK_CONTEXT
