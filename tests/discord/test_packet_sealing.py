"""Voice packets are sealed by calling libsodium straight, and the bytes are exactly what
PyNaCl's public binding makes (members' clients and the fake voice server decrypt them)."""

from __future__ import annotations

import os

import pytest
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
)

from adapters.discord.packet_sealing import seal, straight_to_libsodium


def test_libsodium_is_called_straight() -> None:
    assert straight_to_libsodium() is not None
    assert seal is not crypto_aead_xchacha20poly1305_ietf_encrypt


@pytest.mark.parametrize("size", [0, 3, 120, 1275, 4000])
def test_the_sealed_bytes_are_pynacls(size: int) -> None:
    key, nonce, header = os.urandom(32), os.urandom(24), os.urandom(12)
    message = os.urandom(size)
    sealed = seal(message, header, nonce, key)
    assert sealed == crypto_aead_xchacha20poly1305_ietf_encrypt(message, header, nonce, key)
    assert crypto_aead_xchacha20poly1305_ietf_decrypt(sealed, header, nonce, key) == message


def test_a_wrong_key_or_nonce_size_is_refused() -> None:
    with pytest.raises(ValueError):
        seal(b"x", b"", bytes(12), bytes(32))
    with pytest.raises(ValueError):
        seal(b"x", b"", bytes(24), bytes(16))
