"""Forget me: every voice deleted at the API, every row about the member gone, one anonymised
audit entry left. Safe to run twice, and to re-run after an interruption."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.errors import Busy
from bot.models import CloneRequestRecord, ForgetCounts, Member
from bot.ports import Store, VoiceApi


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
    deleted: list[str] = []
    # One voice at a time, API first: an interruption leaves only voices still to delete,
    # and the next run finishes them.
    for voice in await store.list_voices(member.platform, member.user_id):
        await api.delete_voice(voice.voice_id)
        await store.delete_voice(voice.voice_id)
        deleted.append(voice.voice_id)
    counts = await store.forget_member(member.platform, member.user_id, anonymised_id())
    return ForgetReport(voice_ids=deleted, counts=counts)
