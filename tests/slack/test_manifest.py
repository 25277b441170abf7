"""The app manifest in the repo matches what the code uses."""

from __future__ import annotations

import re
from pathlib import Path

import adapters.slack
from tests.slack.harness import SlackHarness

MANIFEST = Path(adapters.slack.__file__).with_name("manifest.yaml")
# Exactly what the adapter calls (see the comments in the manifest).
SCOPES = {
    "commands",
    "chat:write",
    "im:history",
    "im:write",
    "files:read",
    "files:write",
    "users:read",
    "channels:read",
}
COMMANDS = ["/clone", "/voices", "/say", "/forget-me", "/my-data", "/clone-settings"]


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_manifest_scopes_events_and_settings() -> None:
    text = MANIFEST.read_text()
    bot_scopes = section(text, "    bot:\n", "settings:")
    assert set(re.findall(r"^\s+- ([a-z:.]+)", bot_scopes, re.MULTILINE)) == SCOPES
    events = section(text, "bot_events:\n", "interactivity:")
    assert re.findall(r"^\s+- (\S+)", events, re.MULTILINE) == ["message.im", "app_home_opened"]
    assert re.findall(r"- command: (\S+)", text) == COMMANDS
    assert "messages_tab_enabled: true" in text
    assert "home_tab_enabled: true" in text
    assert "messages_tab_read_only_enabled: false" in text
    assert re.search(r"interactivity:\n\s+is_enabled: true", text)
    urls = re.findall(r"(?:url|request_url): (\S+)", text)
    assert urls and all(url.endswith("/slack/events") for url in urls)


async def test_every_manifest_command_has_a_listener(slack: SlackHarness) -> None:
    for command in COMMANDS:
        await slack.command(command)  # asserts 200; bolt answers 404 to unhandled ones
    await slack.settle()
    response = await slack.post(
        "command=/unknown&user_id=U1&team_id=T1&channel_id=C1&text=&response_url=x",
        "application/x-www-form-urlencoded",
    )
    assert response.status == 404
