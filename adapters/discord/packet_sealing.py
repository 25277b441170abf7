"""Sealing a voice packet (Discord's ``aead_xchacha20_poly1305_rtpsize``) at the least cost to
the player thread, which seals one packet every 20 ms per voice channel.

PyNaCl's public binding checks its arguments with six ``ensure`` calls and formats three error
messages on every call, whether they are needed or not, then makes two cffi allocations. Called
every 20 ms, with the caches cold each time, that was about half the sealing's cost. The player
builds the nonce and holds the key itself, so their sizes are known: :func:`seal` calls the same
libsodium function through PyNaCl's own cffi library (``nacl._sodium``) with one output buffer.
Measured in ``make bench`` (f), sealing went from 22-31 to 12-15 microseconds a packet. Where
that library can't be loaded, it is PyNaCl's public binding: the same bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt

#: The Poly1305 tag libsodium appends to the ciphertext.
TAG_BYTES = 16
NONCE_BYTES = 24
KEY_BYTES = 32

Sealer = Callable[[bytes, bytes, bytes, bytes], bytes]


def straight_to_libsodium() -> Sealer | None:
    """The sealing function over PyNaCl's cffi library, or None if it can't be loaded."""
    try:
        sodium: Any = importlib.import_module("nacl._sodium")
        encrypt = sodium.lib.crypto_aead_xchacha20poly1305_ietf_encrypt
        new, buffer, null = sodium.ffi.new, sodium.ffi.buffer, sodium.ffi.NULL
    except (ImportError, AttributeError):
        return None

    def seal(message: bytes, aad: bytes, nonce: bytes, key: bytes) -> bytes:
        if len(nonce) != NONCE_BYTES or len(key) != KEY_BYTES:
            raise ValueError("XChaCha20-Poly1305 takes a 24-byte nonce and a 32-byte key")
        sealed = new("unsigned char[]", len(message) + TAG_BYTES)
        encrypt(sealed, null, message, len(message), aad, len(aad), null, nonce, key)
        return bytes(buffer(sealed))

    return seal


#: ``seal(message, aad, nonce, key)``: what
#: ``nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt`` returns, byte for byte.
seal: Sealer = straight_to_libsodium() or crypto_aead_xchacha20poly1305_ietf_encrypt
