"""Reading members' messages aloud: who reads (``/read on|off|status``), which message is read,
and the flood control around the shared voice queue.

The adapter hands over what only the platform knows (:class:`Incoming`): who wrote where,
which voice channel the author and the bot are in, and the message with its mentions
resolved. Message text is never stored and never logged, at any level: logs carry reasons and
counts only.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.errors import (
    BotError,
    Busy,
    DisabledHere,
    NotAllowed,
    ServiceMisconfigured,
    TooLarge,
    VoiceNotFound,
)
from bot.i18n import messages_for
from bot.models import Member, Reader, VoiceRecord
from bot.policy.admission import PerKeyLimit
from bot.policy.community import CommunityPolicy
from bot.ports import Store
from bot.reading.flood import Announcer, CharBudget
from bot.reading.rules import ChatMessage, ReadingRules
from bot.reading.text import reading_text
from bot.speech.say import SayService
from bot.speech.voice_queue import Utterance, VoiceChannelQueue
from bot.voices.library import VoiceService

log = logging.getLogger(__name__)

#: A member's read messages waiting at most (one synthesised ahead counts): past it the
#: oldest waiting one is dropped, so a fast typist hears their latest messages, not a backlog.
MAX_WAITING_PER_MEMBER = 3


class ReadingNeedsMessageContent(ServiceMisconfigured):
    message_key = "error-read-needs-message-content"
    default_message = (
        "Reading messages aloud needs Discord's message content, which this bot doesn't get. "
        "An operator must switch on `Message Content Intent` in the Discord developer portal "
        "(Bot page), set `DISCORD_MESSAGE_CONTENT=true` and restart the bot."
    )


class ReadingDisabled(DisabledHere):
    message_key = "error-read-disabled"
    default_message = "The admins of this community have turned reading messages aloud off here."


@dataclass(frozen=True, slots=True)
class Incoming:
    """A chat message as the adapter saw it arrive. Channel ids are the platform's."""

    chat: ChatMessage
    #: The author's display name, for the "NAME:" announcement.
    author_name: str
    channel_id: str
    #: The voice channel the author is in, and the one the bot is in (None: none).
    author_voice_channel_id: str | None
    bot_voice_channel_id: str | None
    #: A bot's or a webhook's message.
    from_bot: bool = False
    #: Sent with ``@silent``.
    silent: bool = False
    edited: bool = False


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """Whether the message was queued; if not, why (a stable code, for logs and tests)."""

    read: bool
    reason: str
    utterance: Utterance | None = None


@dataclass(frozen=True, slots=True)
class ReadStatus:
    reader: Reader | None
    voice: VoiceRecord | None


def fact_reason(incoming: Incoming) -> str | None:
    """Why ``incoming`` is not read, from what the platform saw alone (None: it may be)."""
    if incoming.from_bot:
        return "bot"
    if incoming.edited:
        return "edit"
    if incoming.silent:
        return "silent"
    bot_channel = incoming.bot_voice_channel_id
    if bot_channel is None or incoming.author_voice_channel_id != bot_channel:
        return "not_in_channel"
    return None


def skip_reason(incoming: Incoming, rules: ReadingRules) -> str | None:
    """Why ``incoming`` is not read under the community's ``rules`` (None: it may be)."""
    if not rules.enabled:
        return "disabled"
    reason = fact_reason(incoming)
    if reason is not None:
        return reason
    if incoming.channel_id not in (incoming.bot_voice_channel_id, rules.channel_id):
        return "other_channel"
    text = incoming.chat.text.lstrip()
    if any(prefix and text.startswith(prefix) for prefix in rules.ignore_prefixes):
        return "prefix"
    return None


def _reading_busy(limit: int) -> Busy:
    return Busy(
        "Too many of your messages are waiting to be read.",
        key="error-busy-reading",
        params={"max": limit},
    )


class ReadingService:
    def __init__(
        self,
        *,
        store: Store,
        policy: CommunityPolicy,
        voices: VoiceService,
        speaking: SayService,
        clock: Clock,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._policy = policy
        self._voices = voices
        self._speaking = speaking
        self._clock = clock
        #: A member's read messages under way per community: waiting plus the one playing.
        self._held = PerKeyLimit(MAX_WAITING_PER_MEMBER + 1, _reading_busy)
        self._budget = CharBudget(monotonic)
        self._announcer = Announcer(monotonic)
        #: Messages not read, by reason: counts only, never the text.
        self.skipped: Counter[str] = Counter()

    # --- the member's switch -------------------------------------------------------------------
    async def turn_on(
        self, member: Member, voice_ref: str | None, locale: str, *, can_read_messages: bool
    ) -> VoiceRecord:
        """Reading on in the member's community, in ``voice_ref`` (their default if None),
        with the phrases in ``locale``. Under /say's rules: the community's, consent given
        when the voice was cloned, and the member's own voice only."""
        community_id = _community(member)
        if not can_read_messages:
            raise ReadingNeedsMessageContent()
        settings = await self._policy.check_say(member)
        if not ReadingRules.from_settings(settings).enabled:
            raise ReadingDisabled()
        voice = await self._voices.resolve(member, voice_ref)
        reader = Reader(
            member.platform, member.user_id, community_id, voice.voice_id, locale, self._clock()
        )
        await self._store.set_reader(reader)
        log.info("reading: turned on")
        return voice

    async def turn_off(
        self, member: Member, queue: VoiceChannelQueue | None, *, reason: str = "off"
    ) -> bool:
        """Reading off at once: the member's read messages stop and their waiting ones go.
        False when it was off already."""
        community_id = _community(member)
        if queue is not None:
            await queue.drop_reading(member.platform, member.user_id, current=True)
        was_on = await self._store.delete_reader(
            member.platform, member.user_id, community_id, reason=reason, now=self._clock()
        )
        if was_on:
            log.info("reading: turned off (%s)", reason)
        return was_on

    async def status(self, member: Member) -> ReadStatus:
        reader = await self._store.get_reader(member.platform, member.user_id, _community(member))
        if reader is None:
            return ReadStatus(None, None)
        return ReadStatus(reader, await self._store.get_voice(reader.voice_id))

    async def left_channel(self, member: Member, queue: VoiceChannelQueue | None) -> int:
        """The member left the bot's voice channel: they stay opted in; what waits goes."""
        if queue is None:
            return 0
        return await queue.drop_reading(member.platform, member.user_id)

    def forget(self, member: Member) -> None:
        """``/forget-me``: nothing about the member stays in memory either."""
        key = (member.platform, member.user_id)
        self._budget.forget(lambda k: isinstance(k, tuple) and k[:2] == key)
        self._announcer.forget(key)

    def spoke(self, member: Member) -> None:
        """Someone spoke in the community by other means (/say): the next reader is named."""
        if member.community_id is not None:
            self._announcer.spoke(member.community_id, (member.platform, member.user_id))

    # --- a message arrives -----------------------------------------------------------------------
    async def read(
        self, member: Member, incoming: Incoming, queue: VoiceChannelQueue
    ) -> ReadOutcome:
        """Queue ``incoming`` in the member's voice when every rule allows it; otherwise
        nothing happens and the reason is counted. Never raises for a message it won't read."""
        community_id = _community(member)
        early = fact_reason(incoming)  # before any database read: most messages stop here
        if early is not None:
            return self._skip(early)
        reader = await self._store.get_reader(member.platform, member.user_id, community_id)
        if reader is None:
            return self._skip("not_reading")
        settings = await self._policy.settings_for(member)
        rules = ReadingRules.from_settings(settings)
        reason = skip_reason(incoming, rules)
        if reason is not None:
            return self._skip(reason)
        text = reading_text(incoming.chat, rules, messages_for(reader.locale))
        if text is None:
            return self._skip("nothing_left")
        member_key = (member.platform, member.user_id, community_id)
        characters = len(text)
        if not self._budget.fits(member_key, characters, rules.member_chars_per_minute):
            return self._skip("member_rate")
        if not self._budget.fits(community_id, characters, rules.community_chars_per_minute):
            return self._skip("community_rate")
        if rules.announce == "on_change" and self._announcer.spoke(
            community_id, (member.platform, member.user_id)
        ):
            name = " ".join(incoming.author_name.split())
            text = messages_for(reader.locale)("read-announce", name=name, text=text)
        # Room for this one: the member's oldest waiting messages give way.
        await queue.drop_reading(member.platform, member.user_id, keep=MAX_WAITING_PER_MEMBER - 1)
        try:
            hold = self._held.take(member_key)
            live = await self._speaking.read_live(member, text, reader.voice_id, hold)
        except VoiceNotFound:
            await self.turn_off(member, queue, reason="voice_gone")
            return self._skip("voice_gone")
        except DisabledHere:
            return self._skip("disabled")
        except NotAllowed:
            # The admins no longer let this member speak here: reading goes off.
            await self.turn_off(member, queue, reason="not_allowed")
            return self._skip("not_allowed")
        except Busy:
            return self._skip("member_busy")
        except BotError as exc:
            return self._skip(exc.code)
        utterance = Utterance(live, reading=True)
        try:
            queue.add(utterance)
        except (Busy, TooLarge):
            await asyncio.shield(live.cancel())
            return self._skip("queue_full")
        except BaseException:
            await asyncio.shield(live.cancel())
            raise
        self._budget.spend(member_key, characters)
        self._budget.spend(community_id, characters)
        return ReadOutcome(True, "read", utterance)

    def _skip(self, reason: str) -> ReadOutcome:
        self.skipped[reason] += 1
        log.debug("reading: a message was not read (%s)", reason)
        return ReadOutcome(False, reason)


def _community(member: Member) -> str:
    if member.community_id is None:
        raise NotAllowed("That works only in a server.", key="error-server-only")
    return member.community_id
