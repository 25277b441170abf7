"""Who is asking: a Slack user becomes a core :class:`~bot.models.Member`."""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.replies import slack_error
from bot.models import Member

log = logging.getLogger(__name__)

PLATFORM = "slack"


class MemberDirectory:
    """Builds members, asking ``users.info`` whether they administer the workspace.

    The answer is cached briefly: every click and command needs it, and Slack rate-limits
    ``users.info`` (tier 4). A demoted admin keeps their rights for at most ``ttl`` seconds.
    """

    def __init__(self, client: AsyncWebClient, ttl: float = 60.0) -> None:
        self._client = client
        self._ttl = ttl
        self._admins: dict[tuple[str | None, str], tuple[float, bool]] = {}

    async def member(self, user_id: str, team_id: str | None) -> Member:
        return Member(
            platform=PLATFORM,
            user_id=user_id,
            community_id=team_id,
            roles=frozenset(),
            is_admin=await self._is_admin(user_id, team_id),
        )

    async def _is_admin(self, user_id: str, team_id: str | None) -> bool:
        key = (team_id, user_id)
        cached = self._admins.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id)
        except SlackApiError as exc:
            # Without users:read nobody is an admin: safe, and the log says why.
            log.warning("users.info failed for a member: %s", slack_error(exc))
            return False
        user = response.get("user") or {}
        is_admin = bool(user.get("is_admin") or user.get("is_owner"))
        self._admins[key] = (now, is_admin)
        return is_admin
