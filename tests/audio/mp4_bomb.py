"""An MP4 "index bomb": a small, valid-looking file whose sample table declares tens of millions
of samples, so that FFmpeg's demuxer builds a huge index inside ``av.open``, before any decode
limit applies.

Built from a committed MP4 by rewriting its ``stts`` (time-to-sample), ``stsz`` (sample sizes)
and ``stsc`` (sample-to-chunk) boxes; every box around them gets its new size. Used by the
tests and by ``make bench``.
"""

from __future__ import annotations

import struct

#: Boxes that hold other boxes on the way to the sample table.
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl"})
DEFAULT_SAMPLES = 40_000_000


def _boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every box in ``data`` (32-bit sizes, as small files have)."""
    boxes: list[tuple[bytes, bytes]] = []
    offset = 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size < 8 or offset + size > len(data):
            raise ValueError(f"unexpected box size {size} for {kind!r}")
        boxes.append((kind, data[offset + 8 : offset + size]))
        offset += size
    return boxes


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _rewrite(kind: bytes, payload: bytes, samples: int) -> bytes:
    if kind in _CONTAINERS:
        return b"".join(_box(k, _rewrite(k, p, samples)) for k, p in _boxes(payload))
    head = payload[:4]  # version and flags
    if kind == b"stts":  # one run: every sample lasts 1024 ticks
        return head + struct.pack(">III", 1, samples, 1024)
    if kind == b"stsz":  # one constant size, so no table is needed to declare them
        return head + struct.pack(">II", 1, samples)
    if kind == b"stsc":  # every sample in the first chunk
        return head + struct.pack(">IIII", 1, 1, samples, 1)
    return payload


def mp4_index_bomb(mp4: bytes, samples: int = DEFAULT_SAMPLES) -> bytes:
    """``mp4`` with an audio sample table declaring ``samples`` samples."""
    return b"".join(_box(kind, _rewrite(kind, payload, samples)) for kind, payload in _boxes(mp4))
