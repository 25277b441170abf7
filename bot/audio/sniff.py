"""Which container a file is, from its first bytes only.

File names and MIME types are whatever the uploader's client felt like (Slack labels clips
anything, Discord calls everything ``voice-message.ogg``), so they are never consulted. The
answer is the FFmpeg demuxer to open the bytes with.
"""

from __future__ import annotations

#: FFmpeg's (one) demuxer for MP4, M4A, 3GP and QuickTime.
MP4 = "mov,mp4,m4a,3gp,3g2,mj2"

#: Signatures that sit at offset 0, checked in order.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"OggS", "ogg"),
    (b"\x1a\x45\xdf\xa3", "matroska,webm"),  # EBML: Matroska and WebM
    (b"fLaC", "flac"),
    (b"caff", "caf"),
    (b"#!AMR", "amr"),  # AMR-NB and AMR-WB
    (b".snd", "au"),
    (b"riff\x2e\x91\xcf\x11", "w64"),  # Sony Wave64 GUID
)
#: ISO base media boxes that can open an MP4/M4A/MOV file.
_MP4_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide")
#: MPEG-1/2/2.5 audio: sample rates per version and bit rate index 15 are invalid.
_MPEG_VERSION_RESERVED = 0b01
_MPEG_LAYER_RESERVED = 0b00


def sniff_container(data: bytes) -> str | None:
    """FFmpeg's name for the demuxer of ``data`` (``"ogg"``, ``"matroska,webm"``,
    ``"mov,mp4,m4a,3gp,3g2,mj2"``, ``"mp3"``, ``"wav"``, ``"flac"``, ``"aiff"``, ``"caf"``,
    ``"amr"``, ``"aac"``, ...), or None when the bytes don't start like an audio or video
    container (HTML, text, images, PDF, zip, noise)."""
    head = data[:64]
    for prefix, name in _PREFIXES:
        if head.startswith(prefix):
            return name
    if head[:4] in (b"RIFF", b"RF64", b"BW64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if _is_mp4(data):
        return MP4
    if head.startswith(b"ID3"):
        return _after_id3(data)
    return _mpeg_audio(head)


def _is_mp4(data: bytes) -> bool:
    """A first box whose size fits the file: text like "Get free..." also has "free" at 4."""
    if data[4:8] not in _MP4_BOXES:
        return False
    size = int.from_bytes(data[:4], "big")
    if data[4:8] == b"mdat" and size in (0, 1):  # "to the end of the file" / 64-bit size
        return True
    return 8 <= size <= len(data)


def _after_id3(data: bytes) -> str | None:
    """An ID3v2 tag is most often an MP3's, but FLAC and ADTS AAC files can carry one too."""
    if len(data) < 10:
        return None
    size_bytes = data[6:10]
    if any(byte & 0x80 for byte in size_bytes):  # sizes are "syncsafe": 7 bits per byte
        return None
    size = 0
    for byte in size_bytes:
        size = (size << 7) | byte
    footer = 10 if data[5] & 0x10 else 0
    rest = data[10 + size + footer :]
    if rest.startswith(b"fLaC"):
        return "flac"
    # Padding or a tag right at the end of a short file: the audio after it is still MP3-ish.
    return _mpeg_audio(rest[:4]) or "mp3"


def _mpeg_audio(head: bytes) -> str | None:
    """MP3 (any MPEG audio layer) or ADTS AAC from an 11/12-bit frame sync header."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    version = (head[1] >> 3) & 0b11
    layer = (head[1] >> 1) & 0b11
    if layer == _MPEG_LAYER_RESERVED:
        # ADTS: 12-bit sync, "layer" always 0, sampling index 13..15 reserved.
        if head[1] & 0xF0 == 0xF0 and (head[2] >> 2) & 0x0F < 13:
            return "aac"
        return None
    bitrate_index = head[2] >> 4
    sample_rate_index = (head[2] >> 2) & 0b11
    if version == _MPEG_VERSION_RESERVED or bitrate_index == 0x0F or sample_rate_index == 0b11:
        return None
    return "mp3"
