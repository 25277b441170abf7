"""Each Slack member's language, from ``users.info`` with ``include_locale``.

Slack only sends a member's locale when asked (``include_locale=true``; it needs the
``users:read`` scope). The answer is cached for ``ttl`` seconds: every reply needs it, and
``users.info`` is rate-limited. Without an answer (no scope, an error, a locale we have no
catalogue for) the workspace's default applies, then English.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import slack_error
from bot.i18n import Translator, normalise, pick_locale, translator_for

log = logging.getLogger(__name__)

PLATFORM = "slack"
#: A member who changes their Slack language sees the bot follow within this long.
DEFAULT_TTL_SECONDS = 3600.0
#: After a failed look-up, ask again this much sooner (a missing scope gets fixed).
FAILURE_TTL_SECONDS = 60.0
MAX_CACHED_MEMBERS = 10_000


class MemberLocales:
    """``await locales.messages(user_id, team_id)`` is the translator for that member.

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
        self._clock = clock
        #: (team, user) → (expires at, the member's Slack locale or None)
        self._cache: OrderedDict[tuple[str | None, str], tuple[float, str | None]] = OrderedDict()

    async def slack_locale(self, user_id: str, team_id: str | None = None) -> str | None:
        """The member's locale as Slack gives it (``es-ES``), or None when Slack won't say."""
        key = (team_id, user_id)
        now = self._clock()
        cached = self._cache.get(key)
        if cached is not None and now < cached[0]:
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            log.warning("users.info (locale) failed for a member: %s", slack_error(exc))
            self._remember(key, now + min(self._ttl, FAILURE_TTL_SECONDS), None)
            return None
        return self.learn(user_id, team_id, response.get("user") or {})

    def learn(self, user_id: str, team_id: str | None, user: Mapping[str, object]) -> str | None:
        """Keep the locale of a ``users.info`` user object fetched with ``include_locale``
        (by this class, or by the member directory asking anyway)."""
        raw = user.get("locale")
        locale = raw if isinstance(raw, str) and normalise(raw) else None
        self._remember((team_id, user_id), self._clock() + self._ttl, locale)
        return locale

    async def language(self, user_id: str, team_id: str | None = None) -> str:
        """One of our languages: the member's, else the workspace's, else the default."""
        member = await self.slack_locale(user_id, team_id)
        workspace = self._workspace_defaults.get(team_id) if team_id else None
        return pick_locale([member, workspace, self._default])

    async def messages(self, user_id: str, team_id: str | None = None) -> Translator:
        return translator_for([await self.language(user_id, team_id)], PLATFORM)

    def forget(self, user_id: str, team_id: str | None = None) -> None:
        """Drop a member's cached locale (forget-me keeps nothing about them)."""
        self._cache.pop((team_id, user_id), None)

    def _remember(self, key: tuple[str | None, str], expires: float, locale: str | None) -> None:
        self._cache[key] = (expires, locale)
        self._cache.move_to_end(key)
        while len(self._cache) > MAX_CACHED_MEMBERS:
            self._cache.popitem(last=False)
