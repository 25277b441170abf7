"""A fake Discord voice server on 127.0.0.1, for the real discord.py voice client.

It answers the main gateway's voice state update (op 4) with VOICE_STATE_UPDATE and
VOICE_SERVER_UPDATE, serves the voice websocket over TLS with a self-signed certificate made
at test time, answers UDP IP discovery, decrypts the transport encryption
(``aead_xchacha20_poly1305_rtpsize``) of every RTP packet and runs DAVE as Discord's voice
server does, as the MLS external sender: it proposes adding a *listener* (a second
``davey.DaveSession``, a member in the channel), relays the bot's commit and welcome, and then
the listener decrypts the bot's end-to-end encrypted Opus frames, as a member's client would.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import itertools
import json
import secrets
import select
import socket
import ssl
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import davey
import numpy as np
from aiohttp import WSMsgType, web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt

from tests.discord.fake_discord import BOT_USER, BOT_USER_ID, FakeDiscord

MODE = "aead_xchacha20_poly1305_rtpsize"
OPUS_SILENCE = b"\xf8\xff\xfe"
DAVE_VERSION = 1

# Voice gateway opcodes.
IDENTIFY, SELECT_PROTOCOL, READY, HEARTBEAT, SESSION_DESCRIPTION, SPEAKING = 0, 1, 2, 3, 4, 5
HEARTBEAT_ACK, HELLO = 6, 8
EXECUTE_TRANSITION, TRANSITION_READY = 22, 23
EXTERNAL_SENDER, KEY_PACKAGE, PROPOSALS, COMMIT_WELCOME, ANNOUNCE_COMMIT, WELCOME = (
    25,
    26,
    27,
    28,
    29,
    30,
)
INVALID_COMMIT_WELCOME = 31


# --- TLS ---------------------------------------------------------------------------------
def self_signed_tls(directory: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context trusting it) for 127.0.0.1, made now."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_path, key_path = directory / "voice.crt", directory / "voice.key"
    cert_path.write_bytes(cert_pem)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_path, key_path)
    client = ssl.create_default_context(cadata=cert_pem.decode())
    return server, client


# --- MLS, just enough for an external sender ---------------------------------------------
def varint(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n])
    if n < 1 << 14:
        return struct.pack(">H", n | 0x4000)
    return struct.pack(">I", n | 0x80000000)


def vec(data: bytes) -> bytes:
    return varint(len(data)) + data


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    prefix = data[at] >> 6
    if prefix == 0:
        return data[at], at + 1
    if prefix == 1:
        return struct.unpack_from(">H", data, at)[0] & 0x3FFF, at + 2
    return struct.unpack_from(">I", data, at)[0] & 0x3FFFFFFF, at + 4


def split_commit_welcome(blob: bytes, cipher_suite: int = 2) -> tuple[bytes, bytes | None]:
    """discord.py sends op 28 as commit and welcome back to back; davey needs them apart.
    The welcome is ``cipher_suite u16, secrets<V>, encrypted_group_info<V>`` up to the end."""
    marker = struct.pack(">H", cipher_suite)
    at = blob.find(marker, 1)
    while at > 0:
        try:
            n, end = read_varint(blob, at + 2)
            end += n
            n, end = read_varint(blob, end)
            end += n
        except (IndexError, struct.error):
            end = -1
        if end == len(blob):
            return blob[:at], blob[at:]
        at = blob.find(marker, at + 1)
    return blob, None


class ExternalSender:
    """The voice server's MLS identity: a P-256 key that signs proposals."""

    def __init__(self) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())
        public = self._key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        # ExternalSender { signature_key<V>; Credential { type = basic (1), identity<V> } }
        self.package = vec(public) + struct.pack(">H", 1) + vec(b"\x00")

    def _sign(self, label: bytes, content: bytes) -> bytes:
        return self._key.sign(vec(b"MLS 1.0 " + label) + vec(content), ec.ECDSA(hashes.SHA256()))

    def proposal(self, group_id: int, epoch: int, body: bytes) -> bytes:
        """An MLSMessage (PublicMessage) carrying one proposal from external sender 0."""
        content = (
            vec(struct.pack(">Q", group_id))
            + struct.pack(">Q", epoch)
            + b"\x02"  # sender: external
            + struct.pack(">I", 0)
            + vec(b"")  # authenticated data
            + b"\x02"  # content type: proposal
            + body
        )
        header = struct.pack(">HH", 1, 1)  # mls10, public message
        return header + content + vec(self._sign(b"FramedContentTBS", header + content))

    def add(self, group_id: int, epoch: int, key_package: bytes) -> bytes:
        return self.proposal(group_id, epoch, struct.pack(">H", 1) + key_package)

    def remove(self, group_id: int, epoch: int, leaf_index: int) -> bytes:
        return self.proposal(group_id, epoch, struct.pack(">HI", 3, leaf_index))


# --- what the fake hears -------------------------------------------------------------------
@dataclass
class Listener:
    """A member in the channel: their client's DAVE session decrypts what the bot says."""

    user_id: int
    session: davey.DaveSession
    frames: list[bytes] = field(default_factory=list)
    failures: int = 0
    joined: bool = False


@dataclass
class RtpPacket:
    at: float
    sequence: int
    timestamp: int
    ssrc: int
    #: After transport decryption: a DAVE frame (or the silence frame, which DAVE passes).
    payload: bytes

    @property
    def silence(self) -> bool:
        return self.payload == OPUS_SILENCE


@dataclass
class VoiceConnection:
    """One voice websocket session of the bot (a new one after a move)."""

    server: FakeVoiceServer
    socket: web.WebSocketResponse
    guild_id: int
    channel_id: int
    ssrc: int
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    identify: dict[str, Any] = field(default_factory=dict)
    packets: list[RtpPacket] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    speaking: list[int] = field(default_factory=list)
    epoch: int = 0
    e2ee_ready: asyncio.Event = field(default_factory=asyncio.Event)
    invalid_commits: int = 0
    _bot_key_package: bytes | None = None
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _transitions: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _pending: list[Listener] = field(default_factory=list)
    _joining: dict[int, list[Listener]] = field(default_factory=dict)
    _closed_with: int | None = None

    async def send(self, op: int, data: dict[str, Any]) -> None:
        await self.socket.send_str(json.dumps({"op": op, "d": data}))

    async def send_binary(self, op: int, payload: bytes) -> None:
        await self.socket.send_bytes(struct.pack(">HB", next(self._seq) & 0xFFFF, op) + payload)

    # --- DAVE ---------------------------------------------------------------------------
    def new_listener(self, user_id: int) -> Listener:
        session = davey.DaveSession(DAVE_VERSION, user_id, self.channel_id)
        session.set_external_sender(self.server.external_sender.package)
        return Listener(user_id, session)

    async def propose_add(self, *listeners: Listener) -> None:
        proposals = b""
        for listener in listeners:
            self._pending.append(listener)
            proposals += self.server.external_sender.add(
                self.channel_id, self.epoch, listener.session.get_serialized_key_package()
            )
        await self._propose(vec(proposals))

    async def _propose(self, proposals: bytes) -> None:
        # Every member gets the proposals; each may commit, and the bot's commit wins here.
        for listener in self.listeners:
            listener.session.process_proposals(davey.ProposalsOperationType.append, proposals)
        await self.send_binary(PROPOSALS, b"\x00" + proposals)

    async def propose_remove(self, listener: Listener) -> None:
        leaf = listener.session.own_leaf_index
        assert leaf is not None
        self.listeners.remove(listener)
        proposal = self.server.external_sender.remove(self.channel_id, self.epoch, leaf)
        await self._propose(vec(proposal))

    async def commit_welcome(self, blob: bytes) -> None:
        commit, welcome = split_commit_welcome(blob)
        transition = next(self._transitions)
        for listener in self.listeners:
            listener.session.process_commit(commit)
        if welcome is not None:
            for listener in self._pending:
                listener.session.process_welcome(welcome)
            # They hear the bot once it says it switched to the new epoch (op 23), as a
            # member's client only decrypts what was sent after it was welcomed.
            self._joining[transition] = list(self._pending)
            self._pending.clear()
        self.epoch += 1
        await self.send_binary(ANNOUNCE_COMMIT, struct.pack(">H", transition) + commit)

    # --- audio --------------------------------------------------------------------------
    def received(self, packet: RtpPacket) -> None:
        self.packets.append(packet)
        for listener in self.listeners:
            try:
                frame = listener.session.decrypt(BOT_USER_ID, davey.MediaType.audio, packet.payload)
            except Exception:
                listener.failures += 1
                continue
            listener.frames.append(frame)

    def speech_packets(self) -> list[RtpPacket]:
        return [p for p in self.packets if not p.silence]

    async def close(self, code: int) -> None:
        self._closed_with = code
        await self.socket.close(code=code)


#: Linux's SO_TIMESTAMPNS (Python's socket module does not name it): a struct timespec of the
#: kernel's receive time comes with each datagram.
SO_TIMESTAMPNS: int | None = (
    getattr(socket, "SO_TIMESTAMPNS", 35) if sys.platform == "linux" else None
)


class _Udp:
    """The voice server's UDP side. The kernel stamps each packet as it arrives
    (SO_TIMESTAMPNS), so the gaps measured are the bot's pacing, not how long this side took
    to look; a thread collects what arrived every few milliseconds and hands it to the event
    loop in one go, so that the measuring side disturbs the bot's players as little as it can
    (the benchmarks run dozens of streams in this process)."""

    #: How often the thread collects: without kernel stamps, at once (the stamp is the read).
    POLL_SECONDS = 0.01

    def __init__(self, server: FakeVoiceServer, loop: asyncio.AbstractEventLoop) -> None:
        self.server = server
        self.loop = loop
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)  # select() waits; reads take what is there
        self._poll = 0.0
        if SO_TIMESTAMPNS is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            self._poll = self.POLL_SECONDS
        self.port: int = self.sock.getsockname()[1]
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._receive, name="fake-voice-udp", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closed.set()
        self._thread.join(2)
        self.sock.close()

    def _receive(self) -> None:
        while not self._closed.is_set():
            try:
                readable, _, _ = select.select([self.sock], [], [], 0.1)
            except (OSError, ValueError):
                return
            if not readable:
                continue
            if self._poll:
                time.sleep(self._poll)  # let more arrive: they queue in the kernel, stamped
            batch = self._drain()
            packets: list[tuple[bytes, float]] = []
            for data, ancillary, _flags, addr in batch:
                if len(data) == 74 and data[:2] == b"\x00\x01":
                    self._discovery(data, addr)
                    continue
                packets.append((data, time.perf_counter() - self._queued_for(ancillary)))
            if packets:
                with contextlib.suppress(RuntimeError):  # the loop is closing
                    self.loop.call_soon_threadsafe(self._packets, packets)

    def _drain(self) -> list[tuple[bytes, list[tuple[int, int, bytes]], int, Any]]:
        """What else the kernel holds, without waiting."""
        more = []
        while True:
            try:
                more.append(self.sock.recvmsg(4096, 64))
            except OSError:  # BlockingIOError: nothing more for now
                return more

    def _packets(self, packets: list[tuple[bytes, float]]) -> None:
        for data, at in packets:
            self._packet(data, at)

    def _queued_for(self, ancillary: list[tuple[int, int, bytes]]) -> float:
        """How long ago the kernel received the packet (0 without its timestamp)."""
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
                seconds, nanoseconds = struct.unpack_from("=qq", data)
                return max(0.0, time.time() - (seconds + nanoseconds / 1e9))
        return 0.0

    def _discovery(self, data: bytes, addr: tuple[str, int]) -> None:
        # Type 2, length 70, ssrc, address NUL-padded to 64 bytes, port.
        ssrc = struct.unpack_from(">I", data, 4)[0]
        host = str(addr[0]).encode().ljust(64, b"\x00")
        self.sock.sendto(struct.pack(">HHI", 2, 70, ssrc) + host + struct.pack(">H", addr[1]), addr)
        self.server.discoveries += 1
        # A voice server keeps sending to the client (RTCP reports, others' audio). Without
        # that, discord.py's reader thread can sit in select() on a socket it has since
        # closed, and miss the discovery reply after a reconnect for up to 30 s.
        time.sleep(0.05)
        self.sock.sendto(b"\x80\xc9\x00\x01" + struct.pack(">I", ssrc), addr)

    def _packet(self, data: bytes, at: float) -> None:
        if len(data) < 12 + 16 + 4 or data[0] & 0xC0 != 0x80:
            return
        sequence, timestamp, ssrc = struct.unpack_from(">HII", data, 2)
        connection = self.server.by_ssrc.get(ssrc)
        if connection is None:
            return
        header, body, nonce = data[:12], data[12:-4], data[-4:]
        try:
            payload = crypto_aead_xchacha20poly1305_ietf_decrypt(
                body, header, nonce + bytes(20), connection.secret_key
            )
        except Exception:
            self.server.undecryptable += 1
            return
        connection.received(RtpPacket(at, sequence, timestamp, ssrc, payload))


class FakeVoiceServer:
    def __init__(self, fake: FakeDiscord, directory: Path, *, dave: bool = True) -> None:
        self.fake = fake
        self.dave = dave
        self.server_tls, self.client_tls = self_signed_tls(directory)
        self.external_sender = ExternalSender()
        self.connections: list[VoiceConnection] = []
        self.by_ssrc: dict[int, VoiceConnection] = {}
        self.discoveries = 0
        self.undecryptable = 0
        self.endpoint = ""
        #: Members (user ids) whose DAVE listener sessions join each new connection.
        self.listener_ids: list[int] = []
        #: The bot's voice channel as the main gateway last said, by guild.
        self.bot_channel: dict[int, int | None] = {}
        self.voice_tokens = itertools.count(1)
        self._ssrcs = itertools.count(4242)
        self._runner: web.AppRunner | None = None
        self._udp: _Udp | None = None
        self.udp_port = 0
        self._changed = asyncio.Event()
        #: Every voice state the bot asked the gateway for (op 4), answered or not, by guild:
        #: a channel id to join, None to leave.
        self.requests: list[tuple[int, int | None]] = []
        #: While set, joins wait here unanswered: a join in progress, as long as a test likes.
        self._joins_held: asyncio.Event | None = None
        self._held: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._voice_ws)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.server_tls)
        await site.start()
        port = self._runner.addresses[0][1]
        self.endpoint = f"127.0.0.1:{port}"
        self._udp = _Udp(self, asyncio.get_running_loop())
        self.udp_port = self._udp.port
        self.fake.gateway_handlers[4] = self._voice_state_update

    async def stop(self) -> None:
        self.fake.gateway_handlers.pop(4, None)
        for task in list(self._held):
            task.cancel()
        for connection in list(self.connections):
            if not connection.socket.closed:
                await connection.socket.close()
        if self._udp is not None:
            self._udp.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def current(self) -> VoiceConnection:
        assert self.connections, "the bot never connected to voice"
        return self.connections[-1]

    async def wait_until(self, condition: Callable[[], bool], seconds: float = 15.0) -> None:
        async def look() -> None:
            while not condition():
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.05)

        await asyncio.wait_for(look(), seconds)

    # --- the main gateway ----------------------------------------------------------------
    def hold_joins(self) -> None:
        """From now on, the bot's joins go unanswered until :meth:`release_joins`."""
        self._joins_held = asyncio.Event()

    def release_joins(self) -> None:
        if self._joins_held is not None:
            self._joins_held.set()
            self._joins_held = None

    @property
    def join_requests(self) -> int:
        return sum(1 for _, channel_id in self.requests if channel_id is not None)

    async def _voice_state_update(
        self, socket: web.WebSocketResponse, data: dict[str, Any]
    ) -> None:
        channel_id = int(data["channel_id"]) if data.get("channel_id") else None
        self.requests.append((int(data["guild_id"]), channel_id))
        self._changed.set()
        if channel_id is not None:
            held = self._joins_held
            if held is not None:
                # Answered later, without blocking the gateway (heartbeats, leaves) meanwhile.
                task = asyncio.create_task(self._answer_when(held, socket, data))
                self._held.add(task)
                task.add_done_callback(self._held.discard)
                return
        await self._answer_voice_state(socket, data)

    async def _answer_when(
        self, released: asyncio.Event, socket: web.WebSocketResponse, data: dict[str, Any]
    ) -> None:
        await released.wait()
        await self._answer_voice_state(socket, data)

    async def _answer_voice_state(
        self, socket: web.WebSocketResponse, data: dict[str, Any]
    ) -> None:
        guild_id = int(data["guild_id"])
        channel_id = int(data["channel_id"]) if data.get("channel_id") else None
        previous = self.bot_channel.get(guild_id)
        self.bot_channel[guild_id] = channel_id
        await self.fake.dispatch("VOICE_STATE_UPDATE", self.bot_voice_state(guild_id, channel_id))
        if channel_id is not None:
            await self.send_server_update(guild_id)
            if previous is not None and previous != channel_id:
                await self._end_session(4014)  # a move: that session is over
        self._changed.set()

    async def _end_session(self, code: int) -> None:
        if self.connections and not self.current.socket.closed:
            await self.current.close(code)

    def bot_voice_state(self, guild_id: int, channel_id: int | None) -> dict[str, Any]:
        return {
            "guild_id": str(guild_id),
            "channel_id": str(channel_id) if channel_id else None,
            "user_id": str(BOT_USER_ID),
            "session_id": "voice-session-bot",
            "deaf": False,
            "mute": False,
            "self_deaf": True,
            "self_mute": False,
            "self_video": False,
            "suppress": False,
            "request_to_speak_timestamp": None,
            "member": {
                "user": BOT_USER,
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            },
        }

    async def send_server_update(self, guild_id: int) -> None:
        await self.fake.dispatch(
            "VOICE_SERVER_UPDATE",
            {
                "token": f"voice-token-{next(self.voice_tokens)}",
                "guild_id": str(guild_id),
                "endpoint": self.endpoint,
            },
        )

    # --- what tests do to the bot --------------------------------------------------------
    async def force_disconnect(self, guild_id: int) -> None:
        """A moderator clicks "Disconnect" on the bot."""
        self.bot_channel[guild_id] = None
        await self.fake.dispatch("VOICE_STATE_UPDATE", self.bot_voice_state(guild_id, None))
        if self.connections and not self.current.socket.closed:
            await self.current.close(4014)

    async def move_bot(self, guild_id: int, channel_id: int) -> None:
        """A moderator drags the bot into another channel."""
        self.bot_channel[guild_id] = channel_id
        await self.fake.dispatch("VOICE_STATE_UPDATE", self.bot_voice_state(guild_id, channel_id))
        await self.send_server_update(guild_id)
        await self._end_session(4014)

    # --- the voice gateway ---------------------------------------------------------------
    async def _voice_ws(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        connection: VoiceConnection | None = None
        await socket.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41250.0}}))
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    payload = json.loads(message.data)
                    connection = await self._text(socket, connection, payload)
                elif message.type == WSMsgType.BINARY and connection is not None:
                    await self._binary(connection, bytes(message.data))
                self._changed.set()
        finally:
            self._changed.set()
        return socket

    async def _text(
        self,
        socket: web.WebSocketResponse,
        connection: VoiceConnection | None,
        payload: dict[str, Any],
    ) -> VoiceConnection | None:
        op, data = payload["op"], payload.get("d")
        if op == IDENTIFY:
            guild_id = int(data["server_id"])
            channel_id = self.bot_channel.get(guild_id)
            assert channel_id is not None, "IDENTIFY before the bot joined a channel"
            connection = VoiceConnection(self, socket, guild_id, channel_id, next(self._ssrcs))
            connection.identify = data
            self.connections.append(connection)
            self.by_ssrc[connection.ssrc] = connection
            await connection.send(
                READY,
                {
                    "ssrc": connection.ssrc,
                    "ip": "127.0.0.1",
                    "port": self.udp_port,
                    "modes": [MODE, "aead_aes256_gcm_rtpsize"],
                },
            )
        elif op == HEARTBEAT:
            await socket.send_str(json.dumps({"op": HEARTBEAT_ACK, "d": {"t": data.get("t")}}))
        elif connection is None:
            pass
        elif op == SELECT_PROTOCOL:
            assert data["data"]["mode"] == MODE
            use_dave = self.dave and connection.identify.get("max_dave_protocol_version", 0) > 0
            await connection.send(
                SESSION_DESCRIPTION,
                {
                    "mode": MODE,
                    "secret_key": list(connection.secret_key),
                    "dave_protocol_version": DAVE_VERSION if use_dave else 0,
                },
            )
            if use_dave:
                await connection.send_binary(EXTERNAL_SENDER, self.external_sender.package)
            else:
                connection.e2ee_ready.set()
        elif op == SPEAKING:
            connection.speaking.append(int(data["speaking"]))
        elif op == TRANSITION_READY:
            for listener in connection._joining.pop(data["transition_id"], []):
                listener.joined = True
                connection.listeners.append(listener)
            await connection.send(EXECUTE_TRANSITION, {"transition_id": data["transition_id"]})
            connection.e2ee_ready.set()
        elif op == INVALID_COMMIT_WELCOME:
            connection.invalid_commits += 1
        return connection

    async def _binary(self, connection: VoiceConnection, frame: bytes) -> None:
        op, payload = frame[0], frame[1:]
        if op == KEY_PACKAGE:
            connection._bot_key_package = payload
            listeners = [connection.new_listener(user_id) for user_id in self.listener_ids]
            if listeners:
                await connection.propose_add(*listeners)
        elif op == COMMIT_WELCOME:
            await connection.commit_welcome(payload)
            self._changed.set()

    # --- members joining and leaving mid-call --------------------------------------------
    async def member_joins(self, user_id: int) -> Listener:
        connection = self.current
        listener = connection.new_listener(user_id)
        await connection.propose_add(listener)
        await self.wait_until(lambda: listener.joined)
        return listener

    async def member_leaves(self, listener: Listener) -> None:
        connection = self.current
        epoch = connection.epoch
        await connection.propose_remove(listener)
        await self.wait_until(lambda: connection.epoch > epoch)


def decode_opus(frames: list[bytes]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Mono float samples at 48 kHz from Opus packets (PyAV's libopus decoder)."""
    decoder = av.CodecContext.create("libopus", "r")
    decoder.sample_rate = 48_000
    decoder.layout = "stereo"  # type: ignore[attr-defined]
    chunks: list[np.ndarray[Any, np.dtype[np.float32]]] = []
    for frame in frames:
        for decoded in decoder.decode(av.Packet(frame)):  # type: ignore[attr-defined]
            samples = decoded.to_ndarray().astype(np.float32)
            if decoded.format.is_planar:
                mono = samples.mean(axis=0)
            else:
                mono = samples.reshape(-1, len(decoded.layout.channels)).mean(axis=1)
            if samples.dtype.kind == "i" or np.abs(mono).max(initial=0) > 2:
                mono = mono / 32768.0
            chunks.append(mono)
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
