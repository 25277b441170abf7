"""Clicks a member still has to make (consent, confirmations), stored so buttons survive a
restart, and answered exactly once."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from bot.clock import Clock
from bot.errors import ConsentRequired, NotOwner
from bot.models import Member, PendingAction
from bot.ports import Store


class ConsentExpired(ConsentRequired):
    message_key = "error-consent-expired"
    default_message = (
        "This request has expired or was already answered. Send your recording again to start over."
    )


class NotYourButton(NotOwner):
    message_key = "error-not-your-button"
    default_message = "Only the person who asked can answer this."


class PendingActions:
    def __init__(self, store: Store, clock: Clock, ttl_seconds: float) -> None:
        self._store = store
        self._clock = clock
        self._ttl = timedelta(seconds=ttl_seconds)

    async def create(self, member: Member, kind: str, payload: dict[str, Any]) -> PendingAction:
        now = self._clock()
        action = PendingAction(
            token=secrets.token_urlsafe(12),
            kind=kind,
            platform=member.platform,
            user_id=member.user_id,
            community_id=member.community_id,
            payload=payload,
            created_at=now,
            expires_at=now + self._ttl,
        )
        await self._store.save_pending(action)
        return action

    async def take(self, token: str, member: Member, kind: str | None = None) -> PendingAction:
        """The action behind ``token``, answered once: someone else's button gives
        ``not_owner``; an expired, reused or mismatched one ``consent_required``, the same
        text on every platform."""
        found = await self._store.get_pending(token)
        if found is None or (kind is not None and found.kind != kind):
            raise ConsentExpired()
        if (found.platform, found.user_id) != (member.platform, member.user_id):
            raise NotYourButton()
        taken = await self._store.take_pending(token, self._clock())
        if taken is None:
            raise ConsentExpired()
        return taken
