"""Speaking in a Discord voice channel: discord.py's voice client playing the core's queue.

The core (bot/speech/voice_queue.py) decides what plays when; this module only joins, plays a
:class:`StreamingOpusSource` (20 ms Opus packets encoded from the API's PCM as it arrives, so
neither libopus nor ffmpeg is needed) and reports what Discord did to the connection (a forced
disconnect, a move, everyone leaving).
"""

from __future__ import annotations

import asyncio
import logging
import struct
import time
from collections.abc import AsyncGenerator
from typing import Any

import discord
from discord.errors import ConnectionClosed
from discord.voice_state import VoiceConnectionState

from adapters.discord.packet_sealing import seal
from bot.errors import BotError, ServiceUnavailable
from bot.facade import (
    METRICS,
    OPUS_SILENCE,
    OpusFrameStream,
    Utterance,
    VoiceBot,
    VoiceChannelQueue,
)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 15.0
#: How long to wait after joining for end-to-end encryption (DAVE) to be ready: audio sent
#: before that would be dropped by members' clients ("joins but silence").
E2EE_WAIT_SECONDS = 3.0
#: On shutdown, how long the joins under way get to let go of their half-made connections.
SHUTDOWN_JOIN_SECONDS = 2.0


class StreamingOpusSource(discord.AudioSource):
    """``read()`` never blocks: a packet, the silence frame on underrun, ``b""`` at the end.

    While end-to-end encryption is being (re)established, after discord.py reconnected on its
    own, it sends silence (which DAVE lets through) and keeps the speech for when members can
    decrypt it, for at most :data:`E2EE_WAIT_SECONDS`.
    """

    def __init__(self, stream: OpusFrameStream, voice_client: discord.VoiceClient) -> None:
        self.stream = stream
        self._voice_client = voice_client
        self._state = voice_client._connection
        self._held_since: float | None = None
        self.held_frames = 0

    def read(self) -> bytes:
        if not self._state.is_connected():
            # The player sends this frame once reconnected, under the new session's keys
            # (or none yet): keep the speech for then.
            return OPUS_SILENCE
        if self._state.dave_protocol_version != 0 and not self._state.can_encrypt:
            now = time.monotonic()
            if self._held_since is None:
                self._held_since = now
            if now - self._held_since < E2EE_WAIT_SECONDS and not self.stream.ended:
                self.held_frames += 1
                return OPUS_SILENCE
        else:
            self._held_since = None
        return self.stream.read()

    def is_opus(self) -> bool:
        return True

    def cleanup(self) -> None:
        self.stream.close()


class _MeteredConnectionState(VoiceConnectionState):
    """Counts the voice websocket's close codes (4014 disconnected or moved, 4006 session
    gone...) before discord.py handles them."""

    async def _connect_websocket(self, resume: bool) -> Any:
        ws = await super()._connect_websocket(resume)
        poll = ws.poll_event

        async def poll_event() -> None:
            try:
                await poll()
            except ConnectionClosed as exc:
                METRICS.voice_disconnects.labels(code=str(exc.code)).inc()
                raise

        ws.poll_event = poll_event  # type: ignore[method-assign]
        return ws


#: RTP header: version 2, payload type 0x78 (Opus), sequence, timestamp, ssrc.
_RTP_HEADER = struct.Struct(">BBHII")
_NONCE = struct.Struct(">I")
_NONCE_PADDING = bytes(20)
_RTPSIZE_MODE = "aead_xchacha20_poly1305_rtpsize"


class MeteredVoiceClient(discord.VoiceClient):
    _key_source: object = None
    _key: bytes = b""

    def create_connection_state(self) -> VoiceConnectionState:
        return _MeteredConnectionState(self)

    def _get_voice_packet(self, data: bytes) -> bytes:
        state = self._connection
        return self._packet(data, state.can_encrypt)

    def _packet(self, data: bytes, dave_ready: bool) -> bytes:
        """discord.py's packet, byte for byte, at a fraction of its cost in the player
        thread: the key is converted once per session instead of once per packet, no PyNaCl
        box object is built per packet (with the caches cold every 20 ms, that was most of the
        send path's CPU), and libsodium is called straight (adapters/discord/packet_sealing.py)."""
        if self.mode != _RTPSIZE_MODE:
            return bytes(super()._get_voice_packet(data))
        dave = self._connection.dave_session
        payload = dave.encrypt_opus(data) if dave is not None and dave_ready else data
        header = _RTP_HEADER.pack(0x80, 0x78, self.sequence, self.timestamp, self.ssrc)
        if self._key_source is not self.secret_key:  # a new session brought a new key
            self._key_source = self.secret_key
            self._key = bytes(self.secret_key)
        nonce = _NONCE.pack(self._incr_nonce)
        self._incr_nonce = _wrapping_add(self._incr_nonce, 1, 4294967295)
        sealed = seal(bytes(payload), header, nonce + _NONCE_PADDING, self._key)
        return header + sealed + nonce

    def send_audio_packet(self, data: bytes, *, encode: bool = True) -> None:
        state = self._connection
        dave = state.dave_session
        dave_on = state.dave_protocol_version != 0
        dave_ready = dave_on and dave is not None and dave.ready  # discord.py's can_encrypt
        if not encode and data != OPUS_SILENCE and dave_on and not dave_ready:
            # A frame read just before a reconnect goes out after it, before the new session
            # can encrypt: members' clients would drop it, and speech never goes in the clear.
            data = OPUS_SILENCE
        if encode:
            super().send_audio_packet(data, encode=encode)
            return
        # discord.py's send_audio_packet for Opus, with the can_encrypt check made once.
        self.sequence = _wrapping_add(self.sequence, 1, 65535)
        packet = self._packet(data, dave_ready)
        try:
            state.send_packet(packet)
        except OSError:
            log.debug("voice: a packet was dropped (sequence %s)", self.sequence)
        self.timestamp = _wrapping_add(self.timestamp, 960, 4294967295)

    def cleanup(self) -> None:
        # discord.py cleans up only when the connection is over for good: a leave, or a
        # disconnect it won't recover from. Its own reconnects (after 4006, 4015...) also send
        # "no channel" to the gateway first, so that event alone means nothing.
        super().cleanup()
        if getattr(self, "_gone_reported", False):
            return  # discord.py calls cleanup() twice on a disconnect()
        self._gone_reported = True
        playback = getattr(self.client, "voice_playback", None)
        if isinstance(playback, VoicePlayback):
            playback.guild(self.guild.id).voice_gone()


def _wrapping_add(value: int, step: int, limit: int) -> int:
    """discord.py's ``checked_add``: past ``limit`` it starts again at 0."""
    return 0 if value + step > limit else value + step


async def wait_for_e2ee(voice_client: discord.VoiceClient, seconds: float) -> bool:
    """True once DAVE can encrypt (or the channel does not use it)."""
    state = voice_client._connection
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if state.dave_protocol_version == 0 or state.can_encrypt:
            return True
        await asyncio.sleep(0.02)
    return False


class GuildVoice:
    """One server's voice connection; the core's :class:`bot.speech.voice_queue.VoiceOutput`.

    One join or leave at a time (``_moving``): a ``/say`` that comes while the bot is joining
    its channel waits for that join and shares its outcome, instead of racing discord.py
    ("Already connected"). A leave cancels the joins under way: what they were for is gone.
    """

    def __init__(self, playback: VoicePlayback, guild_id: int) -> None:
        self._playback = playback
        self.guild_id = guild_id
        self._leaving = False
        self._stream: OpusFrameStream | None = None
        self._moving = asyncio.Lock()
        #: The latest join and where it goes; every join not yet finished.
        self._joining: asyncio.Task[None] | None = None
        self._joining_to: int | None = None
        self.joins: set[asyncio.Task[None]] = set()
        self._loop = asyncio.get_running_loop()
        #: The last utterance's stream, for tests and diagnostics.
        self.last_stream: OpusFrameStream | None = None

    @property
    def voice_client(self) -> discord.VoiceClient | None:
        guild = self._playback.client.get_guild(self.guild_id)
        vc = guild.voice_client if guild is not None else None
        return vc if isinstance(vc, discord.VoiceClient) and vc.is_connected() else None

    @property
    def channel_id(self) -> int | None:
        vc = self.voice_client
        return vc.channel.id if vc is not None else None

    @property
    def target_channel_id(self) -> int | None:
        """The channel the bot is joining, else the one it is in."""
        if self._joining is not None and not self._joining.done():
            return self._joining_to
        return self.channel_id

    @property
    def channel(self) -> discord.abc.GuildChannel | None:
        """The voice channel the bot is in (or joining): where its speech is heard."""
        guild = self._playback.client.get_guild(self.guild_id)
        channel_id = self.target_channel_id
        if guild is None or channel_id is None:
            return None
        return guild.get_channel(channel_id)

    async def join(self, channel: discord.VoiceChannel | discord.StageChannel) -> None:
        """Join ``channel``, or move there; a no-op when already there. Playback waits for it."""
        if self._playback.closing:
            raise ServiceUnavailable("The bot is shutting down: try again in a minute.")
        task = self._joining
        if task is None or task.done() or self._joining_to != channel.id:
            task = asyncio.create_task(self._join(channel), name=f"voice-join:{self.guild_id}")
            self._joining, self._joining_to = task, channel.id
            self.joins.add(task)
            task.add_done_callback(self._joined)
        # Not awaited directly: a caller that goes away must not cancel the others' join.
        await asyncio.wait({task})
        if task.cancelled():
            raise ServiceUnavailable("The bot left the voice channel before it could speak.")
        task.result()

    def _joined(self, task: asyncio.Task[None]) -> None:
        self.joins.discard(task)
        if not task.cancelled():
            task.exception()  # its callers report it; none left (all cancelled) is no error

    async def _join(self, channel: discord.VoiceChannel | discord.StageChannel) -> None:
        async with self._moving:
            vc = self.voice_client
            if vc is not None and vc.channel.id == channel.id:
                return
            if vc is not None:
                # Leave, then join: discord.py's move_to leaks the old UDP socket.
                await self._hang_up(vc)
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    # discord.py swallows a cancel while it waits for the leave to be
                    # confirmed: this join was called off meanwhile.
                    raise asyncio.CancelledError
            self._leaving = False
            try:
                vc = await channel.connect(
                    cls=MeteredVoiceClient,
                    self_deaf=True,
                    timeout=CONNECT_TIMEOUT,
                    reconnect=True,
                )
            except BaseException:
                # discord.py keeps a client whose connect was cancelled: every later join
                # would fail with "Already connected".
                await self._hang_up_leftover()
                raise
            if self._playback.voicebot.voice_queue(str(self.guild_id)) is None:
                # Everything it joined for went meanwhile: never a connection without a queue
                # (whose idle timer makes the bot leave).
                log.info("voice: nothing left to say in guild %s once joined", self.guild_id)
                await self._hang_up(vc)
                return
            if not await wait_for_e2ee(vc, E2EE_WAIT_SECONDS):
                log.warning("voice: end-to-end encryption not ready in guild %s", self.guild_id)

    async def _hang_up(self, vc: discord.VoiceClient) -> None:
        """Disconnect ``vc``, ours to end (not a forced disconnect). On shutdown without
        waiting for the gateway to confirm: nothing may be reading it any more."""
        self._leaving = True
        if not self._playback.closing:
            await vc.disconnect(force=True)
            return
        vc.stop()
        await vc._connection.disconnect(force=True, cleanup=True, wait=False)

    async def _hang_up_leftover(self) -> None:
        guild = self._playback.client.get_guild(self.guild_id)
        vc = guild.voice_client if guild is not None else None
        if isinstance(vc, discord.VoiceClient):
            try:
                await self._hang_up(vc)
            except Exception:  # the join's own error is the one to report
                log.warning("voice: could not hang up in guild %s", self.guild_id, exc_info=True)

    # --- VoiceOutput ------------------------------------------------------------------------
    async def play(self, utterance: Utterance, pcm: AsyncGenerator[bytes, None]) -> None:
        joining = self._joining
        if joining is not None and not joining.done():
            await asyncio.wait({joining})
        vc = self.voice_client
        if vc is None:
            raise ServiceUnavailable("The bot is no longer in the voice channel.")

        def first_packet() -> None:
            METRICS.voice_first_packet_seconds.observe(time.perf_counter() - utterance.requested_at)

        stream = OpusFrameStream(on_first_packet=first_packet)
        self._stream = self.last_stream = stream
        feeder = asyncio.create_task(self._feed(stream, pcm), name="voice-feed")
        try:
            await stream.prebuffered()
            if not stream.ended:
                done: asyncio.Future[Exception | None] = self._loop.create_future()

                def after(error: Exception | None) -> None:
                    self._loop.call_soon_threadsafe(_resolve, done, error)

                vc.play(StreamingOpusSource(stream, vc), after=after)
                player_error = await done
                if player_error is not None:
                    raise ServiceUnavailable("Playing in the voice channel failed.") from (
                        player_error
                    )
        finally:
            self._stream = None
            stream.stop()
            feeder.cancel()
            # Not ``suppress(CancelledError)`` around ``await feeder``: that would also swallow
            # a cancel of this task (the queue closing) arriving while the feeder winds down,
            # and the queue's player would then sit out its idle timer instead of ending.
            await asyncio.wait({feeder})
            METRICS.voice_underruns.inc(stream.underruns)
        if stream.error is not None:
            METRICS.voice_failed_streams.inc()
            if isinstance(stream.error, BotError):
                raise stream.error
            raise ServiceUnavailable(
                "Your speech stopped part-way: the voice service failed. Try again."
            ) from stream.error

    async def _feed(self, stream: OpusFrameStream, pcm: AsyncGenerator[bytes, None]) -> None:
        try:
            async for chunk in pcm:
                stream.feed(chunk)
            stream.finish()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - handed to play(), which tells the member
            stream.fail(exc)

    def interrupt(self) -> None:
        stream = self._stream
        if stream is not None:
            stream.stop()
        guild = self._playback.client.get_guild(self.guild_id)
        vc = guild.voice_client if guild is not None else None
        if isinstance(vc, discord.VoiceClient):
            vc.stop()  # also while reconnecting after a move

    async def leave(self, reason: str) -> None:
        self._leaving = True
        for task in list(self.joins):
            task.cancel()  # a join under way would connect with nothing to say
        async with self._moving:
            guild = self._playback.client.get_guild(self.guild_id)
            vc = guild.voice_client if guild is not None else None
            if isinstance(vc, discord.VoiceClient):
                METRICS.voice_disconnects.labels(code="left").inc()
                log.info("voice: leaving guild %s (%s)", self.guild_id, reason)
                await self._hang_up(vc)

    # --- what Discord did -------------------------------------------------------------------
    def voice_gone(self) -> None:
        """The voice client was cleaned up: by our leave, or by someone disconnecting us."""
        if self._leaving:
            return
        log.info("voice: disconnected from guild %s by someone else", self.guild_id)
        METRICS.voice_disconnects.labels(code="forced").inc()
        queue = self._playback.voicebot.voice_queue(str(self.guild_id))
        if queue is not None:
            task = asyncio.ensure_future(queue.disconnected())
            self._playback.tasks.add(task)
            task.add_done_callback(self._playback.tasks.discard)

    async def bot_voice_changed(
        self,
        queue: VoiceChannelQueue | None,
        before: discord.VoiceState,
        after: discord.VoiceState,
    ) -> None:
        if (
            before.channel is not None
            and after.channel is not None
            and before.channel.id != after.channel.id
        ):
            log.info("voice: moved to another channel in guild %s", self.guild_id)
            if queue is not None:
                await queue.moved()


def _resolve(future: asyncio.Future[Exception | None], error: Exception | None) -> None:
    if not future.done():
        future.set_result(error)


class VoicePlayback:
    """Every server's :class:`GuildVoice` for one client."""

    def __init__(self, client: discord.Client, voicebot: VoiceBot) -> None:
        self.client = client
        self.voicebot = voicebot
        self._guilds: dict[int, GuildVoice] = {}
        self.tasks: set[asyncio.Future[None]] = set()
        #: Shutting down: no more joins, and leaves don't wait for the gateway.
        self.closing = False

    def guild(self, guild_id: int) -> GuildVoice:
        voice = self._guilds.get(guild_id)
        if voice is None:
            voice = self._guilds[guild_id] = GuildVoice(self, guild_id)
        return voice

    def queue(self, guild_id: int) -> VoiceChannelQueue:
        return self.voicebot.open_voice_queue(str(guild_id), self.guild(guild_id))

    async def close(self) -> None:
        """On shutdown, before the client closes: the joins under way are abandoned and every
        voice connection is hung up at once, whatever state it is in. (discord.py's own close
        waits, per connection, for the gateway to confirm the leave, and on shutdown nothing
        reads the gateway any more: that took 15 s per connection.)"""
        self.closing = True
        joins = [task for voice in self._guilds.values() for task in voice.joins]
        for task in joins:
            task.cancel()
        if joins:
            await asyncio.wait(joins, timeout=SHUTDOWN_JOIN_SECONDS)
        for vc in list(self.client.voice_clients):
            if isinstance(vc, discord.VoiceClient):
                try:
                    await self.guild(vc.guild.id)._hang_up(vc)
                except Exception:  # shutting down: the others still go
                    log.warning("voice: could not hang up", exc_info=True)

    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        guild_id = member.guild.id
        voice = self._guilds.get(guild_id)
        if voice is None:
            return
        queue = self.voicebot.voice_queue(str(guild_id))
        me = self.client.user
        if me is not None and member.id == me.id:
            await voice.bot_voice_changed(queue, before, after)
            return
        vc = voice.voice_client
        if vc is None or before.channel is None or before.channel.id != vc.channel.id:
            return
        if after.channel is not None and after.channel.id == vc.channel.id:
            return
        if not any(not m.bot for m in vc.channel.members):
            log.info("voice: nobody left to listen in guild %s", guild_id)
            if queue is not None:
                await queue.close("alone")
            await voice.leave("alone")
