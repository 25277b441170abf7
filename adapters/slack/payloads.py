"""Reading what Slack sends: a slash command, a button click, a message in the bot's DM."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def decode_text(text: str) -> str:
    """Slack sends typed text with ``&``, ``<`` and ``>`` as entities (its own mentions and
    links keep real brackets): the core gets what the member typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


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
        # The clicker's own team first: in a shared channel ``team`` is the host's.
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
        text=decode_text(str(command.get("text") or "")).strip(),
    )


@dataclass(frozen=True, slots=True)
class DirectMessage:
    """A member's message in their DM with the bot (with the files they shared, if any)."""

    user_id: str
    team_id: str | None
    channel_id: str
    event_id: str | None
    files: tuple[Mapping[str, Any], ...]


def from_member_in_dm(event: Mapping[str, Any]) -> bool:
    """A member wrote in their DM with the bot (not the bot itself, not an edit)."""
    return event.get("channel_type") == "im" and bool(event.get("user")) and not event.get("bot_id")


def direct_message_of(body: Mapping[str, Any], event: Mapping[str, Any]) -> DirectMessage:
    team = body.get("team_id") or event.get("team")
    event_id = body.get("event_id")
    return DirectMessage(
        user_id=str(event["user"]),
        team_id=str(team) if team else None,
        channel_id=str(event["channel"]),
        event_id=str(event_id) if event_id else None,
        files=tuple(event.get("files") or ()),
    )
