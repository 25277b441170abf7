"""A fast refusal of what is plainly not a recording, from the first bytes only.

FFmpeg's prober decides what a recording is (:mod:`bot.audio.probe`); this only turns away,
before a worker spends anything on them, what members send by mistake and what has no business
near a demuxer: web pages and other text (playlists and concat scripts are text), images,
documents, archives and programs. File names and MIME types are never consulted.
"""

from __future__ import annotations

#: Signatures at offset 0 of files that are certainly not audio.
_NOT_AUDIO_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),  # JPEG (MPEG audio sync is 0xFFE0-0xFFFF, never 0xFFD8)
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"II*\x00", "image"),  # TIFF
    (b"MM\x00*", "image"),
    (b"%PDF", "document"),
    (b"PK\x03\x04", "archive"),  # zip, docx, jar...
    (b"\x1f\x8b", "archive"),  # gzip
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!", "archive"),
    (b"\x7fELF", "program"),
)
#: How much of the start is looked at to tell text from binary.
_TEXT_WINDOW = 512
_TEXT_CHARS = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
#: A UTF-8 character cut by the window is at most this many bytes long.
_UTF8_MAX = 4


def non_audio_kind(data: bytes | bytearray) -> str | None:
    """``"text"``, ``"image"``, ``"document"``, ``"archive"`` or ``"program"`` when the first
    bytes say so; None when it is for FFmpeg to look (which doesn't make it audio)."""
    for prefix, kind in _NOT_AUDIO_PREFIXES:
        if data.startswith(prefix):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image"
    if _is_text(data[:_TEXT_WINDOW]):
        return "text"
    return None


def _is_text(head: bytes | bytearray) -> bool:
    """Printable UTF-8 text: HTML, JSON, M3U playlists, ffconcat scripts, SDP, subtitles."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not head:
        return False
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - _UTF8_MAX or exc.start == 0:
            return False
        decoded = head[: exc.start].decode("utf-8")
    return all(ord(char) >= 0x80 or ord(char) in _TEXT_CHARS for char in decoded)
