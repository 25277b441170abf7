"""Waiting until a member's speech has stopped in every process.

Each utterance holds a speech lease in the store from before its first byte is synthesised
until its audio has stopped playing (:mod:`bot.speech.say`); a player checks its lease every
250 ms and stops once it is revoked. Forget-me revokes all of a member's leases, deleting a
voice revokes that voice's (in the same transaction as the delete): both then wait here, so
that their answer means silence, not "silence soon".
"""

from __future__ import annotations

import asyncio
import logging

from bot.clock import utcnow
from bot.models import Member
from bot.ports import Store

log = logging.getLogger(__name__)

#: How long to wait for speakers to stop. Only a process that hangs (or died, until its lease
#: expires) takes this long; it writes nothing later either, as its lease is revoked.
SPEECH_STOP_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05


async def wait_for_speakers(
    store: Store,
    member: Member,
    *,
    voice_id: str | None = None,
    wait_seconds: float = SPEECH_STOP_WAIT_SECONDS,
) -> bool:
    """Until none of ``member``'s speech (only in ``voice_id``, if given) holds a lease; False
    when some still did after ``wait_seconds``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_seconds
    while await store.count_speech(member.platform, member.user_id, utcnow(), voice_id=voice_id):
        if loop.time() >= deadline:
            log.warning("speech of a member still holds a lease after %.0f s", wait_seconds)
            return False
        await asyncio.sleep(_POLL_SECONDS)
    return True
