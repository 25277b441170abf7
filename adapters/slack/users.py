"""Who is asking on Slack: one ``users.info`` answer per member gives both whether they
administer the workspace and their language.

Slack only sends a member's locale when asked (``include_locale=true``; it needs the
``users:read`` scope). The answer is cached for ``ttl`` seconds, one entry per member: every
click and command needs it, and ``users.info`` is rate-limited (tier 4). A demoted admin keeps
their rights, and a member who changes their Slack language sees the old one, for at most
``ttl`` seconds. Without an answer (no scope, an error) nobody is an admin, and the language is
the workspace's default, then the bot's, then English; Slack is asked again sooner.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cachetools import TLRUCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_error
from bot.i18n import Translator, normalise, pick_locale, translator_for
from bot.models import Member

log = logging.getLogger(__name__)

PLATFORM = "slack"
#: How long an answer of ``users.info`` is trusted: bounds how long a demoted admin keeps
#: their rights.
DEFAULT_TTL_SECONDS = 60.0
#: After a failed look-up, ask again at least this soon (a missing scope gets fixed).
FAILURE_TTL_SECONDS = 60.0
MAX_CACHED_MEMBERS = 10_000

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class SlackUser:
    """What the bot keeps of a ``users.info`` answer (nothing else about the member)."""

    is_admin: bool
    locale: str | None


#: Kept when Slack wouldn't answer.
UNKNOWN = SlackUser(is_admin=False, locale=None)


class SlackUsers:
    """``await users.member(user_id, team_id)`` and ``await users.messages(user_id, team_id)``.

    ``workspace_defaults`` maps team ids to a language (an admin's choice, if the operator
    set any); ``default`` is the bot-wide fallback (DEFAULT_LANGUAGE) before English.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        ttl: float = DEFAULT_TTL_SECONDS,
        default: str | None = None,
        workspace_defaults: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl = ttl
        self._default = default
        self._workspace_defaults = dict(workspace_defaults or {})
        self._cache: TLRUCache[Key, SlackUser] = TLRUCache(
            maxsize=MAX_CACHED_MEMBERS, ttu=self._expires, timer=clock
        )

    def _expires(self, _: Key, user: SlackUser, now: float) -> float:
        if user is UNKNOWN:
            return now + min(self._ttl, FAILURE_TTL_SECONDS)
        return now + self._ttl

    async def user(self, user_id: str, team_id: str | None = None) -> SlackUser:
        key = (team_id, user_id)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            # Without users:read nobody is an admin: safe, and the log says why.
            log.warning("users.info failed for a member: %s", slack_error(exc))
            found = UNKNOWN
        else:
            found = user_of(response.get("user") or {})
        self._cache[key] = found
        return found

    async def member(self, user_id: str, team_id: str | None) -> Member:
        return Member(
            platform=PLATFORM,
            user_id=user_id,
            community_id=team_id,
            roles=frozenset(),
            is_admin=(await self.user(user_id, team_id)).is_admin,
        )

    async def slack_locale(self, user_id: str, team_id: str | None = None) -> str | None:
        """The member's locale as Slack gives it (``es-ES``), or None when Slack won't say."""
        return (await self.user(user_id, team_id)).locale

    async def language(self, user_id: str, team_id: str | None = None) -> str:
        """One of our languages: the member's, else the workspace's, else the default."""
        member = await self.slack_locale(user_id, team_id)
        workspace = self._workspace_defaults.get(team_id) if team_id else None
        return pick_locale([member, workspace, self._default])

    async def messages(self, user_id: str, team_id: str | None = None) -> Translator:
        return translator_for([await self.language(user_id, team_id)], PLATFORM)

    def forget(self, user_id: str, team_id: str | None = None) -> None:
        """Drop what is cached of a member (forget-me keeps nothing about them)."""
        self._cache.pop((team_id, user_id), None)


def user_of(user: Mapping[str, object]) -> SlackUser:
    """The parts of a ``users.info`` user object (fetched with ``include_locale``) we use."""
    raw = user.get("locale")
    return SlackUser(
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
        locale=raw if isinstance(raw, str) and normalise(raw) else None,
    )
