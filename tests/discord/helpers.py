"""Steps the Discord tests share: start a clone each way, find and press buttons."""

from __future__ import annotations

from typing import Any

from bot.models import Member
from tests.discord.conftest import Harness
from tests.discord.fake_discord import BOT_USER_ID, Call
from tests.discord.payloads import (
    ATTACHMENT,
    GUILD_ID,
    Person,
    dm_channel_id,
    option,
    user_message,
)


def member(person: Person, *, in_guild: bool = True) -> Member:
    return Member(
        platform="discord",
        user_id=str(person.id),
        community_id=str(GUILD_ID) if in_guild else None,
    )


def button(message: dict[str, Any], prefix: str) -> str:
    for row in message.get("components") or []:
        for component in row["components"]:
            if component.get("custom_id", "").startswith(prefix):
                return str(component["custom_id"])
    raise AssertionError(f"no {prefix!r} button in {message.get('components')}")


async def slash_clone(
    h: Harness,
    person: Person,
    fixture: str = "speech.wav",
    *,
    content_type: str | None = None,
    extra: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Run /clone with ``fixture`` attached; returns the interaction payload (its token
    names the ephemeral consent prompt)."""
    attachment = h.fake.attachment(fixture, content_type=content_type)
    payload = h.payloads.slash(
        "clone",
        person,
        [option("sample", ATTACHMENT, attachment["id"]), *(extra or [])],
        resolved={"attachments": {attachment["id"]: attachment}},
    )
    await h.run(payload)
    return payload


def prompt_of(h: Harness, payload: dict[str, Any]) -> dict[str, Any]:
    return h.fake.originals[payload["token"]]


async def press(
    h: Harness,
    prompt: dict[str, Any],
    prefix: str,
    person: Person,
    *,
    in_guild: bool = True,
) -> dict[str, Any]:
    """Click the button starting with ``prefix`` on ``prompt``; returns the click payload."""
    click = h.payloads.click(button(prompt, prefix), person, prompt, in_guild=in_guild)
    await h.click(click)
    return click


async def consent_and_clone(
    h: Harness, person: Person, fixture: str = "speech.wav", **kwargs: Any
) -> dict[str, Any]:
    """/clone then "I consent": returns the click payload (its token names the result)."""
    payload = await slash_clone(h, person, fixture, **kwargs)
    return await press(h, prompt_of(h, payload), "vc:consent:", person)


def followups(h: Harness, token: str, since: int = 0) -> list[Call]:
    return h.fake.find("POST", rf"^/webhooks/\d+/{token}$", since)


def dm_voice_message(
    h: Harness, person: Person, fixture: str = "voice_message.ogg"
) -> dict[str, Any]:
    return user_message(
        h.fake, person, [h.fake.attachment(fixture, voice=True)], in_guild=False, voice=True
    )


def bot_posts_in_dm(h: Harness, person: Person, since: int = 0) -> list[Call]:
    return h.fake.find("POST", rf"^/channels/{dm_channel_id(person)}/messages$", since)


def last_bot_message(h: Harness, channel_id: int) -> dict[str, Any]:
    mine = [
        m
        for m in h.fake.messages.values()
        if m["channel_id"] == str(channel_id) and m["author"]["id"] == str(BOT_USER_ID)
    ]
    assert mine, f"the bot posted nothing in {channel_id}"
    return mine[-1]
