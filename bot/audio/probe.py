"""Opening untrusted bytes with FFmpeg's own prober, restricted to audio and video containers.

FFmpeg recognises far more recordings from their bytes than any hand-written list of magic
numbers (WMA, AVI, AC-3, WavPack, Monkey's Audio, AMR...), so it decides. What it may use is
restricted with its own options: ``format_whitelist`` names the only demuxers it may pick, and
``protocol_whitelist`` names none, so no demuxer can open another file or a URL (playlists,
concat scripts, image sequences, HLS/DASH manifests, MP4 external references).
"""

from __future__ import annotations

import io
import logging

import av
import av.container

from bot.errors import NotAudio

log = logging.getLogger(__name__)

#: FFmpeg demuxers of audio files and of audio-video containers. Each reads only the bytes it is
#: given. Left out on purpose: raw PCM/codec streams without a header (they match any noise),
#: images, subtitles, playlists and anything that opens other inputs (concat, hls, dash,
#: image2, tee, ffmetadata...).
AUDIO_DEMUXERS: frozenset[str] = frozenset(
    {
        # everyday audio files
        "wav", "w64", "aiff", "caf", "flac", "ogg", "mp3", "aac", "loas", "au", "amr",
        # phones, cameras, Windows, broadcast and video containers
        "mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "asf", "avi", "flv",
        "mpeg", "mpegts", "nut", "rm", "mxf",
        # broadcast and film codecs in their own streams
        "ac3", "eac3", "dts", "dtshd", "truehd", "mlp",
        # lossless and niche audio files
        "wv", "tta", "ape", "mpc", "mpc8", "tak", "shn", "dsf", "iff", "xwma", "voc",
        "nistsphere", "ircam", "sox", "vqf",
    }
)  # fmt: skip

#: No protocol at all: the bytes come through our own I/O context, which is not a protocol,
#: and anything a demuxer tries to open besides them (``file:``, ``http:``...) is refused.
_NO_PROTOCOL = "none"

CONTAINER_OPTIONS: dict[str, str] = {
    "format_whitelist": ",".join(sorted(AUDIO_DEMUXERS)),
    "protocol_whitelist": _NO_PROTOCOL,
    # Belt and braces, should the whitelist ever be ignored.
    "protocol_blacklist": "file,http,https,tcp,udp,rtp,rtmp,crypto,data,subfile,concat,pipe",
}

#: PyAV's error types for a file FFmpeg can't read (kept broad on purpose: it is untrusted).
OPEN_ERRORS = (av.FFmpegError, ValueError, UnicodeDecodeError, OSError, EOFError)


def open_audio(data: bytes | bytearray) -> av.container.InputContainer:
    """``data`` opened with the demuxer FFmpeg's prober picks among :data:`AUDIO_DEMUXERS`.

    Raises :class:`NotAudio` when FFmpeg doesn't recognise the bytes or they are a kind of file
    outside the allow-list. :class:`MemoryError` passes through (the worker's memory cap).
    """
    try:
        container = av.open(io.BytesIO(data), mode="r", options=CONTAINER_OPTIONS)
    except MemoryError:
        raise
    except OPEN_ERRORS as exc:
        log.info("FFmpeg can't open these %d bytes as audio: %s", len(data), exc)
        raise NotAudio() from exc
    return container
