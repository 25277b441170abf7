"""Speech queued for a community's voice channel: the rules, free of any platform.

One :class:`VoiceChannelQueue` per community (a Discord server) plays its utterances one after
the other through a :class:`VoiceOutput` that the adapter implements (join, play, leave). The
rules live here: order, caps (``busy``; one utterance longer than the seconds cap is refused,
and none plays longer than it, whatever its estimate said), who may stop or skip, the idle
timer (which belongs to the community, so it follows the bot when someone moves it), what a
forced disconnect or a move does (the queue is cleared), and a member's ``/forget-me`` (their
utterances go).

Synthesised ahead (the prefetch). While one utterance plays, the queue starts the next waiting
one's :meth:`LiveSpeech.pcm` stream at once, into a bounded buffer (:data:`PREFETCH_SECONDS`
of PCM; past that the API stream waits). When its turn comes it plays from that buffer, so
consecutive utterances follow without waiting for the API's time to first byte again. The API
to rely on is small:

- it happens by itself: once the utterance playing has received its first audio (so that it
  reaches the API first), the queue fetches the head of ``waiting``, and :meth:`add` does the
  same for an utterance added later; ``prefetch_seconds=0`` turns it off;
- the utterance being fetched stays in ``waiting`` (it counts toward every cap) until it
  plays; :attr:`VoiceChannelQueue.prefetching` says which one it is;
- :meth:`VoiceChannelQueue.drop` removes one waiting utterance (a member's oldest, say) and
  stops its stream; every removal (``drop``, ``clear``, ``remove_member``, a move, a close)
  settles a fetched-but-unplayed utterance as *not heard*: its cooldown comes back and nothing
  is audited as said.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.app.settings import Settings
from bot.errors import BotError, Busy, NotAllowed, ServiceUnavailable, TooLarge
from bot.models import Member
from bot.speech.say import LIVE_SAMPLE_RATE, LiveSpeech

log = logging.getLogger(__name__)

Notify = Callable[[BotError], Awaitable[None]]

#: Mono s16le: two bytes a sample.
PCM_BYTES_PER_SECOND = 2 * LIVE_SAMPLE_RATE
#: How often the player asks the store whether the utterance's speech lease still holds (a
#: forget-me in any process revokes it): a one-row read, and at most this much speech plays
#: after the revocation.
LEASE_CHECK_SECONDS = 0.25
#: How much of the next utterance is fetched ahead at most (PCM held in memory, per community).
PREFETCH_SECONDS = 30.0


class VoiceOutput(Protocol):
    """A community's voice connection, as the adapter provides it."""

    async def play(self, utterance: Utterance, pcm: AsyncGenerator[bytes, None]) -> None:
        """Play ``pcm`` (mono s16le at 48 kHz) in the voice channel; return when it has been
        played or interrupted; raise if the stream failed."""

    def interrupt(self) -> None:
        """Stop what is playing now (thread-safe, returns at once)."""

    async def leave(self, reason: str) -> None:
        """Leave the voice channel."""


@dataclass(eq=False)
class Utterance:
    speech: LiveSpeech
    #: Tells the member when their speech failed after they were answered.
    notify: Notify | None = None
    #: When the member asked (``time.perf_counter()``): first-packet latency counts from here.
    requested_at: float = field(default_factory=time.perf_counter)
    #: A chat message read aloud (bot/reading): it gives way to /say when the queue is full,
    #: and ``/read off`` or its author leaving the channel drops it.
    reading: bool = False
    id: int = field(default_factory=itertools.count(1).__next__)

    @property
    def member(self) -> Member:
        return self.speech.member

    @property
    def seconds(self) -> float:
        return self.speech.estimated_seconds


@dataclass(frozen=True, slots=True)
class Queued:
    """Where an utterance landed: position 0 plays now, 1 is next, ..."""

    utterance: Utterance
    position: int


class VoiceChannelQueue:
    def __init__(
        self,
        community_id: str,
        output: VoiceOutput,
        *,
        max_items: int,
        max_seconds: float,
        idle_seconds: float,
        on_closed: Callable[[VoiceChannelQueue], None] | None = None,
        prefetch_seconds: float = PREFETCH_SECONDS,
    ) -> None:
        self.community_id = community_id
        self.output = output
        self.max_items = max_items
        self.max_seconds = max_seconds
        self.idle_seconds = idle_seconds
        self.current: Utterance | None = None
        self._waiting: deque[Utterance] = deque()
        self._wakeup = asyncio.Event()
        self._idle_restart = asyncio.Event()
        self._on_closed = on_closed
        self._task: asyncio.Task[None] | None = None
        self._prefetch_bytes = int(prefetch_seconds * PCM_BYTES_PER_SECOND) // 2 * 2
        self._prefetch: Prefetch | None = None
        #: The utterance playing has received audio: the API served it, the next may go.
        self._current_streaming = False
        self.closed = False

    # --- state ---------------------------------------------------------------------------
    @property
    def waiting(self) -> list[Utterance]:
        return list(self._waiting)

    @property
    def prefetching(self) -> Utterance | None:
        """The waiting utterance whose speech is being fetched ahead, if any."""
        return self._prefetch.utterance if self._prefetch is not None else None

    def __len__(self) -> int:
        return len(self._waiting) + (1 if self.current is not None else 0)

    @property
    def queued_seconds(self) -> float:
        return sum(u.seconds for u in self._waiting) + (
            self.current.seconds if self.current else 0.0
        )

    def check_room(self, seconds: float) -> None:
        """Raise ``busy`` when one more utterance of ``seconds`` would not fit, and
        ``too_large`` when it could never fit: longer than the whole cap on its own."""
        if seconds > self.max_seconds:
            raise TooLarge(
                f"That would take about {seconds:.0f} s to say, and a voice channel takes at "
                f"most {self.max_seconds:.0f} s at once: say less, or pause less.",
                key="error-voice-speech-too-long",
                params={"seconds": round(seconds), "max": round(self.max_seconds)},
            )
        if len(self) >= self.max_items:
            raise Busy(
                f"The voice channel queue is full ({self.max_items} at most): "
                "try again when it has played.",
                key="error-voice-queue-full",
                params={"max": self.max_items},
            )
        if self.queued_seconds + seconds > self.max_seconds:
            raise Busy(
                "There's already a lot to say in the voice channel: try again in a minute.",
                key="error-voice-queue-seconds",
            )

    # --- adding and removing ------------------------------------------------------------
    def add(self, utterance: Utterance) -> Queued:
        if self.closed:
            raise Busy("The bot is leaving the voice channel: try again in a moment.")
        self.check_room(utterance.seconds)
        self._waiting.append(utterance)
        position = len(self) - 1
        self._wakeup.set()
        self._ensure_running()
        self._start_prefetch()
        return Queued(utterance, position)

    def start_idle_timer(self) -> None:
        """The bot joined with nothing to say yet (``/read on``): it still leaves once idle."""
        if not self.closed:
            self._ensure_running()

    def reading_waiting(self, platform: str, user_id: str) -> list[Utterance]:
        """The member's read messages waiting (oldest first); not the one playing."""
        return [u for u in self._waiting if u.reading and _by(u, platform, user_id)]

    async def make_room_for_say(self, seconds: float) -> int:
        """Reading never makes /say busy: drop the oldest waiting read messages while one
        more utterance of ``seconds`` would not fit. Returns how many were dropped."""
        dropped = 0
        while True:
            try:
                self.check_room(seconds)
            except TooLarge:
                return dropped
            except Busy:
                oldest = next((u for u in self._waiting if u.reading), None)
                if oldest is None:
                    return dropped
                await self._drop(oldest)
                dropped += 1
            else:
                return dropped

    async def drop_reading(
        self, platform: str, user_id: str, *, keep: int = 0, current: bool = False
    ) -> int:
        """Drop the member's waiting read messages, oldest first, until ``keep`` are left;
        with ``current``, stop the one playing too when it is theirs and read."""
        dropped = 0
        who = (platform, user_id)
        waiting = self.reading_waiting(*who)
        for utterance in waiting[: max(0, len(waiting) - keep)]:
            await self._drop(utterance)
            dropped += 1
        playing = self.current
        if current and playing is not None and playing.reading and _by(playing, *who):
            self.output.interrupt()
            dropped += 1
        return dropped

    async def _drop(self, utterance: Utterance) -> None:
        await self.drop(utterance)

    async def drop(self, utterance: Utterance) -> bool:
        """Remove ``utterance`` if it is still waiting (stopping its prefetch); True if it was.
        The one playing is not touched: :meth:`skip` stops that one."""
        if utterance not in self._waiting:
            return False
        self._waiting.remove(utterance)
        await self._dropped(utterance)
        self._start_prefetch()
        return True

    def skip(self, member: Member, *, moderator: bool) -> Utterance | None:
        """Stop the utterance playing now (the next one follows)."""
        current = self.current
        if current is None:
            return None
        self._authorise(member, moderator, current)
        self.output.interrupt()
        return current

    async def stop(self, member: Member, *, moderator: bool) -> int:
        """Empty the queue, stop playing and leave. Returns how many utterances were dropped."""
        self._authorise(member, moderator, self.current)
        dropped = len(self)
        await self.close("stopped")
        await self.output.leave("stopped")
        return dropped

    async def remove_member(self, platform: str, user_id: str) -> int:
        """``/forget-me``: drop what the member queued, and stop them if they are speaking."""

        def theirs(utterance: Utterance) -> bool:
            return utterance.member.platform == platform and utterance.member.user_id == user_id

        mine = [u for u in self._waiting if theirs(u)]
        for utterance in mine:
            self._waiting.remove(utterance)
            await self._dropped(utterance)
        self._start_prefetch()
        current = self.current
        if current is not None and theirs(current):
            self.output.interrupt()
            return len(mine) + 1
        return len(mine)

    async def clear(self) -> int:
        """Drop every waiting utterance and stop the one playing."""
        dropped = list(self._waiting)
        self._waiting.clear()
        for utterance in dropped:
            await self._dropped(utterance)
        if self.current is not None:
            self.output.interrupt()
            return len(dropped) + 1
        return len(dropped)

    async def _dropped(self, utterance: Utterance) -> None:
        """Settle a waiting utterance that will never play (after it left ``_waiting``)."""
        prefetch = self._prefetch
        if prefetch is not None and prefetch.utterance is utterance:
            self._prefetch = None
            await prefetch.discard()
            # Fetched ahead is not heard: the member gets their cooldown back.
            utterance.speech.not_heard()
        await utterance.speech.cancel()

    def _start_prefetch(self) -> None:
        """Fetch the next utterance's speech ahead while another plays."""
        if (
            self._prefetch is not None
            or not self._current_streaming
            or not self._waiting
            or self._prefetch_bytes <= 0
            or self.closed
        ):
            return
        head = self._waiting[0]
        self._prefetch = Prefetch(head, head.speech.pcm(), self._prefetch_bytes)

    def _take_prefetched(self, utterance: Utterance) -> Prefetch | None:
        prefetch = self._prefetch
        if prefetch is not None and prefetch.utterance is utterance:
            self._prefetch = None
            return prefetch
        return None

    # --- platform events --------------------------------------------------------------------
    async def disconnected(self) -> None:
        """Someone disconnected the bot (or the voice server dropped it for good): nobody is
        listening any more, so nothing that was queued should play later."""
        await self.close("disconnected")

    async def moved(self) -> None:
        """Someone moved the bot: what was queued was for the old channel. The idle timer
        starts again in the new one."""
        cleared = await self.clear()
        if cleared:
            log.info("voice: moved in %s; %d utterance(s) dropped", self.community_id, cleared)
        self._idle_restart.set()

    async def close(self, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        await self.clear()
        task = self._task
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._on_closed is not None:
            self._on_closed(self)
        log.info("voice: queue of %s closed (%s)", self.community_id, reason)

    # --- the player -------------------------------------------------------------------------
    def _authorise(self, member: Member, moderator: bool, current: Utterance | None) -> None:
        if member.is_admin or moderator:
            return
        if current is not None and current.member.user_id == member.user_id:
            return
        raise NotAllowed(
            "Only the member speaking now, members who may move others, and admins can do that."
        )

    def _ensure_running(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=f"voice-queue:{self.community_id}")

    async def _next(self) -> Utterance:
        while not self._waiting:
            self._wakeup.clear()
            self._idle_restart.clear()
            waiter = asyncio.create_task(self._wakeup.wait())
            restart = asyncio.create_task(self._idle_restart.wait())
            try:
                done, _ = await asyncio.wait(
                    {waiter, restart},
                    timeout=self.idle_seconds,
                    return_when=asyncio.FIRST_COMPLETED,
                )
            finally:
                waiter.cancel()
                restart.cancel()
            if not done:
                raise TimeoutError
        return self._waiting.popleft()

    async def _run(self) -> None:
        try:
            while True:
                try:
                    utterance = await self._next()
                except TimeoutError:
                    log.info("voice: idle in %s, leaving", self.community_id)
                    self.closed = True
                    if self._on_closed is not None:
                        self._on_closed(self)
                    await self.output.leave("idle")
                    return
                await self._play(utterance)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("voice: the queue of %s stopped", self.community_id)
            self.closed = True
            # What waited is dropped like any cleared speech: cooldowns and places come back.
            with contextlib.suppress(Exception):
                await self.clear()
            if self._on_closed is not None:
                self._on_closed(self)
            with contextlib.suppress(Exception):
                await self.output.leave("error")

    async def _watch_lease(self, utterance: Utterance) -> None:
        """Stop the utterance once its member is forgotten, whichever process did it."""
        while True:
            await asyncio.sleep(LEASE_CHECK_SECONDS)
            try:
                allowed = await utterance.speech.still_allowed()
            except Exception:  # noqa: BLE001 - any failure means "not known to be allowed"
                # Unsure whether the member was forgotten: stop rather than risk it.
                log.warning("voice: could not check utterance %d's lease", utterance.id)
                allowed = False
            if not allowed:
                log.info("voice: utterance %d in %s revoked", utterance.id, self.community_id)
                self.output.interrupt()
                return

    async def _play(self, utterance: Utterance) -> None:
        self.current = utterance
        cut: list[bool] = []
        # Its speech from the prefetch when it was fetched ahead, else straight from the API.
        prefetched = self._take_prefetched(utterance)
        source = prefetched.pcm() if prefetched is not None else utterance.speech.pcm()
        pcm = capped_pcm(self._then_prefetch(source), self.max_seconds, lambda: cut.append(True))
        watcher = asyncio.create_task(
            self._watch_lease(utterance), name=f"voice-lease:{self.community_id}"
        )
        try:
            await self.output.play(utterance, pcm)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a failed stream is told to the member
            error = exc if isinstance(exc, BotError) else None
            log.warning(
                "voice: utterance %d in %s failed: %r", utterance.id, self.community_id, exc
            )
            if utterance.notify is not None:
                try:
                    await utterance.notify(error or _speech_failed())
                except Exception:
                    log.warning("voice: could not tell the member", exc_info=True)
        else:
            if cut and utterance.notify is not None:
                # Heard in part: the member alone is told why it stopped.
                try:
                    await utterance.notify(_speech_cut(self.max_seconds))
                except Exception:
                    log.warning("voice: could not tell the member", exc_info=True)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            with contextlib.suppress(Exception):
                await pcm.aclose()
            if prefetched is not None:  # also when the player never started reading it
                await prefetched.discard()
            await asyncio.shield(utterance.speech.cancel())
            self.current = None
            self._current_streaming = False

    async def _then_prefetch(self, pcm: AsyncGenerator[bytes, None]) -> AsyncGenerator[bytes, None]:
        """``pcm``, starting the next utterance's prefetch once its first chunk is here."""
        async with contextlib.aclosing(pcm):
            async for chunk in pcm:
                if not self._current_streaming:
                    self._current_streaming = True
                    self._start_prefetch()
                yield chunk


class Prefetch:
    """One utterance's speech streaming ahead into a buffer of at most ``limit`` bytes (the API
    stream waits while it is full). :meth:`pcm` replays the buffer, then the rest as it comes;
    closing that generator (or :meth:`discard`) stops the API stream."""

    def __init__(
        self, utterance: Utterance, source: AsyncGenerator[bytes, None], limit: int
    ) -> None:
        self.utterance = utterance
        self._source = source
        self._limit = max(1, limit)
        self._chunks: deque[bytes] = deque()
        self.buffered_bytes = 0
        self._done = False
        self._error: Exception | None = None
        self._more = asyncio.Event()
        self._room = asyncio.Event()
        self._task = asyncio.create_task(self._fill(), name="voice-prefetch")

    async def _fill(self) -> None:
        try:
            async with contextlib.aclosing(self._source):
                async for chunk in self._source:
                    self._chunks.append(chunk)
                    self.buffered_bytes += len(chunk)
                    self._more.set()
                    while self.buffered_bytes >= self._limit:
                        self._room.clear()
                        await self._room.wait()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - raised to the player, which tells the member
            self._error = exc
        finally:
            self._done = True
            self._more.set()

    async def pcm(self) -> AsyncGenerator[bytes, None]:
        try:
            while True:
                if self._chunks:
                    chunk = self._chunks.popleft()
                    self.buffered_bytes -= len(chunk)
                    self._room.set()
                    yield chunk
                elif self._done:
                    if self._error is not None:
                        raise self._error
                    return
                else:
                    self._more.clear()
                    await self._more.wait()
        finally:
            await self.discard()

    async def discard(self) -> None:
        """Stop fetching and let go of the buffer."""
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._chunks.clear()
        self.buffered_bytes = 0


def _by(utterance: Utterance, platform: str, user_id: str) -> bool:
    return utterance.member.platform == platform and utterance.member.user_id == user_id


async def capped_pcm(
    pcm: AsyncGenerator[bytes, None], max_seconds: float, on_cut: Callable[[], None]
) -> AsyncGenerator[bytes, None]:
    """``pcm`` until ``max_seconds`` of it have streamed: the queue's cap holds for the audio
    itself, not only for the estimate it was admitted on (speech can run longer than its
    text suggests: digits, slow languages). What is cut is closed at once."""
    budget = int(max_seconds * PCM_BYTES_PER_SECOND) // 2 * 2  # whole samples
    async with contextlib.aclosing(pcm):
        async for chunk in pcm:
            if len(chunk) > budget:
                if budget:
                    yield chunk[:budget]
                log.info("voice: an utterance reached the %.0f s cap and was cut", max_seconds)
                on_cut()
                return
            budget -= len(chunk)
            yield chunk


def _speech_cut(max_seconds: float) -> BotError:
    return TooLarge(
        f"Your speech was cut after {max_seconds:.0f} s, the most a voice channel plays at once.",
        key="error-voice-speech-cut",
        params={"max": round(max_seconds)},
    )


def _speech_failed() -> BotError:
    return ServiceUnavailable("Your speech stopped part-way: the voice service failed. Try again.")


class VoiceQueues:
    """Every community's queue; created on first use, gone when the bot leaves."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._queues: dict[str, VoiceChannelQueue] = {}

    def get(self, community_id: str) -> VoiceChannelQueue | None:
        return self._queues.get(community_id)

    def open(self, community_id: str, output: VoiceOutput) -> VoiceChannelQueue:
        queue = self._queues.get(community_id)
        if queue is not None and not queue.closed:
            queue.output = output
            return queue
        queue = VoiceChannelQueue(
            community_id,
            output,
            max_items=self._settings.voice_queue_max,
            max_seconds=self._settings.voice_queue_max_seconds,
            idle_seconds=self._settings.voice_idle_seconds,
            on_closed=self._closed,
        )
        self._queues[community_id] = queue
        return queue

    def check_can_join(
        self, community_id: str, channel_id: str, *, speaking_in: str | None
    ) -> None:
        """Raise ``busy`` when the bot may not go to ``channel_id``: it is speaking for others
        in ``speaking_in``, another voice channel of the community (one voice connection per
        Discord server). Idle, it follows whoever asks."""
        queue = self._queues.get(community_id)
        if speaking_in in (None, channel_id) or queue is None or len(queue) == 0:
            return
        raise Busy("I'm speaking in another voice channel here: try again when it has played.")

    def _closed(self, queue: VoiceChannelQueue) -> None:
        if self._queues.get(queue.community_id) is queue:
            del self._queues[queue.community_id]

    @property
    def total_length(self) -> int:
        return sum(len(q) for q in self._queues.values())

    async def forget_member(self, platform: str, user_id: str) -> int:
        """The ``/forget-me`` hook: removes the member's queued (and playing) speech
        everywhere. Returns how many utterances went."""
        removed = 0
        for queue in list(self._queues.values()):
            removed += await queue.remove_member(platform, user_id)
        return removed

    async def close(self) -> None:
        for queue in list(self._queues.values()):
            await queue.close("shutdown")
