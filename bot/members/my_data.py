"""My data: everything the bot holds about a member, as one JSON document (GDPR articles 15
and 20: access and portability).

It is read from the same list forget-me erases from (:mod:`bot.members.member_data`), so what
forget-me would erase is what the member sees. Values that act as credentials (a prompt's
button token, a clone request's adoption marker) are never in it; their rows are, without
them. The document is made in memory and never written to disk by the bot.

The schema (``version`` 1) is documented in the README ("My data").
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.errors import Cooldown
from bot.i18n import LANGUAGES, Translator
from bot.members.member_data import MEMBER_TABLES, section_of
from bot.models import Member
from bot.ports import Store

#: Bumped when a field changes meaning or goes; new fields and sections keep the version.
EXPORT_VERSION = 1
#: One export per member per minute on each chat platform (the CLI is the operator's).
EXPORT_COOLDOWN_SECONDS = 60.0
EXPORT_ACTION = "my-data"
UNLIMITED_PLATFORMS = frozenset({"cli"})


class ExportCooldown(Cooldown):
    message_key = "error-my-data-cooldown"

    def __init__(self, retry_after: float) -> None:
        super().__init__(retry_after)
        self.key = "error-my-data-cooldown"
        self.message = (
            f"You can download your data once a minute. Try again in "
            f"{max(1, round(self.retry_after))} s."
        )


def statement_as_shown(platform: str, language: str, version: str) -> dict[str, Any]:
    """The consent statement a member read, in that language and version, as their platform
    showed it (commands named the platform's way). Only the current version of each
    language's text is held: for an older one, the export says so and gives the current text
    beside it instead of pretending."""
    translator = Translator(language if language in LANGUAGES else "en", platform)
    current = translator.consent()
    if language in LANGUAGES and current.version == version:
        return {"language": language, "version": version, "text": current.text, "exact": True}
    return {
        "language": language,
        "version": version,
        "text": None,
        "exact": False,
        "note": (
            f"The text of version {version} in {language!r} is no longer held by this bot. "
            f"The current version ({current.version}, {current.language!r}) reads as in "
            "current_text."
        ),
        "current_version": current.version,
        "current_text": current.text,
    }


async def export_member(store: Store, member: Member, now: datetime) -> dict[str, Any]:
    """The document: ``version``, who it is about, then one section per kind of data."""
    held = await store.member_rows(member.platform, member.user_id)
    document: dict[str, Any] = {
        "version": EXPORT_VERSION,
        "generated_at": now.isoformat(),
        "member": {"platform": member.platform, "user_id": member.user_id},
    }
    for table in MEMBER_TABLES:
        document[section_of(table)] = held.get(table.name, [])
    for consent in document["consents"]:
        consent["statement"] = statement_as_shown(
            member.platform, consent["statement_language"], consent["statement_version"]
        )
    document["withheld"] = {
        section_of(table): dict(table.withheld) for table in MEMBER_TABLES if table.withheld
    }
    return document


def export_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")


async def claim_export(store: Store, member: Member, now: datetime) -> None:
    """Raises :class:`ExportCooldown` when the member exported less than a minute ago on a
    chat platform."""
    if member.platform in UNLIMITED_PLATFORMS:
        return
    left = await store.claim_cooldown(
        member.platform, member.user_id, EXPORT_ACTION, EXPORT_COOLDOWN_SECONDS, now
    )
    if left is not None:
        raise ExportCooldown(left)


def export_file_name(member: Member, now: datetime) -> str:
    return f"my-data-{member.platform}-{now.strftime('%Y-%m-%d')}.json"


async def consent_records(store: Store, member: Member) -> list[dict[str, Any]]:
    """The member's consents as the export shows them (when, statement version, language)."""
    held = await store.member_rows(member.platform, member.user_id)
    return held.get("consents", [])
