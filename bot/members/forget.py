"""Forget me: every voice deleted at the API, every row about the member gone, one anonymised
audit entry left. Safe to run twice, and to re-run after an interruption.

Speech in the member's voice stops first, in every process: their speech leases are revoked
(each player checks its lease every :data:`bot.speech.voice_queue.LEASE_CHECK_SECONDS` and stops), a
marker refuses new ones, and the erase waits until every speaker has given its lease back,
which it does without writing anything."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import utcnow
from bot.errors import Busy
from bot.models import CloneRequestRecord, ForgetCounts, Member
from bot.ports import Store, VoiceApi
from bot.speech.leases import SPEECH_STOP_WAIT_SECONDS, wait_for_speakers

log = logging.getLogger(__name__)

#: How long the marker refusing new speech lasts if forget-me itself is interrupted.
FORGET_MARKER_TTL = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class ForgetReport:
    voice_ids: list[str]
    counts: ForgetCounts


def anonymised_id() -> str:
    """Random, not a hash of the member's id: a hash of a known id could be recomputed."""
    return f"anon-{secrets.token_hex(8)}"


class CloneInProgress(Busy):
    message_key = "error-clone-in-progress"
    default_message = (
        "A clone of your voice is still in progress. Run /forget-me again in a minute, once it "
        "is done, and it will be deleted too."
    )


#: Takes back a request whose process died; False when a live process still runs it.
Reclaim = Callable[[CloneRequestRecord], Awaitable[bool]]


async def silence_member(
    store: Store, member: Member, wait_seconds: float = SPEECH_STOP_WAIT_SECONDS
) -> bool:
    """Revoke the member's speech everywhere and wait until every speaker stopped (gave its
    lease back). False when some had not after ``wait_seconds``."""
    now = utcnow()
    marker = f"forget-{secrets.token_hex(12)}"
    await store.revoke_speech(
        member.platform, member.user_id, marker, now=now, until=now + FORGET_MARKER_TTL
    )
    if await wait_for_speakers(store, member, wait_seconds=wait_seconds):
        return True
    log.warning("forget-me: speech of a member still holds a lease; erasing anyway")
    return False


async def forget_member(
    store: Store, api: VoiceApi, member: Member, reclaim: Reclaim
) -> ForgetReport:
    # A clone under way would create a voice after we erased everything: wait for it. One
    # whose process died holds nothing up: it is removed, or settled (its voice adopted, then
    # deleted below) when it had reached the API.
    for request in await store.list_running_requests():
        mine = (request.platform, request.user_id) == (member.platform, member.user_id)
        if mine and not await reclaim(request):
            raise CloneInProgress()
    await silence_member(store, member)
    deleted: list[str] = []
    # One voice at a time, API first: an interruption leaves only voices still to delete,
    # and the next run finishes them.
    for voice in await store.list_voices(member.platform, member.user_id):
        await api.delete_voice(voice.voice_id)
        await store.delete_voice(voice.voice_id)
        deleted.append(voice.voice_id)
    counts = await store.forget_member(member.platform, member.user_id, anonymised_id())
    return ForgetReport(voice_ids=deleted, counts=counts)
