"""The voice client's own packet builder (a cheaper path for the player thread) gives
discord.py's packets byte for byte, and they decrypt as the voice server decrypts them. The
end-to-end tests (test_voice_channel.py) cover it with DAVE on; here the transport alone,
across a key change and the nonce counter's wrap."""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

import discord
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt

from adapters.discord.voice_playback import MeteredVoiceClient


@dataclass
class _Connection:
    """The fields of discord.py's VoiceConnectionState that building a packet reads (a
    connected state needs a voice server: the end-to-end tests have one)."""

    secret_key: list[int] = field(default_factory=lambda: list(secrets.token_bytes(32)))
    mode: str = "aead_xchacha20_poly1305_rtpsize"
    ssrc: int = 0x01020304
    dave_session: Any = None
    can_encrypt: bool = False
    dave_protocol_version: int = 0
    sent: list[bytes] = field(default_factory=list)

    def send_packet(self, packet: bytes) -> None:
        self.sent.append(packet)


def _client(connection: _Connection, cls: type[discord.VoiceClient]) -> discord.VoiceClient:
    client = cls.__new__(cls)
    client._connection = connection  # type: ignore[assignment]
    client.sequence = 0
    client.timestamp = 0
    client._incr_nonce = 0
    return client


def test_packets_match_discord_py_byte_for_byte() -> None:
    connection = _Connection()
    ours = _client(connection, MeteredVoiceClient)
    theirs = _client(connection, discord.VoiceClient)
    for n, payload in enumerate([b"\xfc" + bytes(range(90)), b"\xf8\xff\xfe", b"x" * 300]):
        for client in (ours, theirs):
            client.sequence, client.timestamp = 65_530 + n, 960 * n
        if n == 2:
            connection.secret_key = list(secrets.token_bytes(32))  # a new session
            ours._incr_nonce = theirs._incr_nonce = 4294967295  # about to wrap
        packet = ours._get_voice_packet(payload)
        assert packet == bytes(theirs._get_voice_packet(payload))
        header, body, nonce = packet[:12], packet[12:-4], packet[-4:]
        assert struct.unpack(">BBHII", header) == (0x80, 0x78, 65_530 + n, 960 * n, 0x01020304)
        key = bytes(connection.secret_key)
        assert crypto_aead_xchacha20poly1305_ietf_decrypt(body, header, nonce + bytes(20), key) == (
            payload
        )
    assert ours._incr_nonce == theirs._incr_nonce == 0


def test_sending_matches_discord_py_across_the_counters_wrapping() -> None:
    ours_connection, theirs_connection = _Connection(), _Connection()
    theirs_connection.secret_key = ours_connection.secret_key
    ours = _client(ours_connection, MeteredVoiceClient)
    theirs = _client(theirs_connection, discord.VoiceClient)
    for client in (ours, theirs):
        client.sequence, client.timestamp = 65_533, 4294967295 - 960 * 2
    frames = [b"\xfc" + bytes([n]) * 80 for n in range(5)]
    for frame in frames:
        ours.send_audio_packet(frame, encode=False)
        theirs.send_audio_packet(frame, encode=False)
    assert ours_connection.sent == theirs_connection.sent and len(ours_connection.sent) == 5
    assert (ours.sequence, ours.timestamp) == (theirs.sequence, theirs.timestamp) == (2, 1920)
    sequences = [struct.unpack_from(">H", p, 2)[0] for p in ours_connection.sent]
    assert sequences == [65_534, 65_535, 0, 1, 2]
