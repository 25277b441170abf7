"""Reading the ids the adapter needs out of Slack's payloads (commands, clicks, events)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Click:
    """One button click (``block_actions``)."""

    user_id: str
    team_id: str | None
    value: str
    channel_id: str | None
    message_ts: str | None


def click_of(body: Mapping[str, Any]) -> Click:
    user = body.get("user") or {}
    container = body.get("container") or {}
    action = (body.get("actions") or [{}])[0]
    return Click(
        user_id=str(user["id"]),
        team_id=user.get("team_id") or (body.get("team") or {}).get("id"),
        value=str(action.get("value") or ""),
        channel_id=container.get("channel_id") or (body.get("channel") or {}).get("id"),
        message_ts=container.get("message_ts") or (body.get("message") or {}).get("ts"),
    )


@dataclass(frozen=True, slots=True)
class Command:
    """One slash command."""

    user_id: str
    team_id: str | None
    channel_id: str
    text: str


def command_of(command: Mapping[str, Any]) -> Command:
    return Command(
        user_id=str(command["user_id"]),
        team_id=command.get("team_id"),
        channel_id=str(command.get("channel_id") or ""),
        text=str(command.get("text") or "").strip(),
    )


def event_team(body: Mapping[str, Any], event: Mapping[str, Any]) -> str | None:
    team = body.get("team_id") or event.get("team")
    return str(team) if team else None
