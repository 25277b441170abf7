"""The fast refusal (non_audio_kind) and FFmpeg's restricted prober (open_audio)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from bot.audio.convert import non_audio_kind
from bot.audio.probe import AUDIO_DEMUXERS, CONTAINER_OPTIONS, open_audio
from bot.errors import NotAudio
from tests.audio.audio_samples import FIXTURES, read_fixture

FORMATS = sorted(p.name for p in (FIXTURES / "formats").glob("speech*"))
#: Every committed recording: the fast refusal must let each through to FFmpeg.
RECORDINGS = [
    "speech.wav", "speech.flac", "speech.aiff", "speech.mp3", "speech.m4a", "voice_message.ogg",
    "slack_clip.webm", "slack_clip_aac.mp4", "video_with_sound.mp4", "stereo_96k.wav",
    "truncated.ogg", "silence.wav", *(f"formats/{name}" for name in FORMATS),
]  # fmt: skip


@pytest.mark.parametrize("name", RECORDINGS)
def test_recordings_go_to_ffmpeg(name: str) -> None:
    assert non_audio_kind(read_fixture(name)) is None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (read_fixture("login_page.html"), "text"),
        (read_fixture("image.png"), "image"),
        (b"<?xml version='1.0'?><Error>AccessDenied</Error>", "text"),
        (b'{"error": "not_authed"}', "text"),
        ("Привет, это просто текст".encode(), "text"),
        (b"\xef\xbb\xbf#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n", "text"),
        (b"ffconcat version 1.0\nfile /etc/passwd\n", "text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "archive"),
        (b"\x1f\x8b\x08\x00", "archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"GIF89a\x01\x00\x01\x00", "image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image"),
        (b"\x7fELF\x02\x01\x01", "program"),
    ],
)
def test_plainly_not_audio(data: bytes, kind: str) -> None:
    assert non_audio_kind(data) == kind


def test_takes_bytes_only() -> None:
    """No name, extension or content type can sway it: there is no parameter for one."""
    assert list(inspect.signature(non_audio_kind).parameters) == ["data"]


DEMUXER_OF = dict(
    [
        ("speech.wma", "asf"),
        ("speech_pcm.avi", "avi"),
        ("speech_mp3.avi", "avi"),
        ("speech.ac3", "ac3"),
        ("speech.eac3", "eac3"),
        ("speech.wv", "wv"),
        ("speech.tta", "tta"),
        ("speech.mpc", "mpc8"),
        ("speech.ape", "ape"),
        ("speech.mp2", "mp3"),
        ("speech.spx", "ogg"),
        ("speech.amr", "amr"),
        ("speech.caf", "caf"),
        ("speech.3gp", "mov,mp4,m4a,3gp,3g2,mj2"),
        ("speech.mka", "matroska,webm"),
        ("speech.mkv", "matroska,webm"),
        ("speech_surround51.m4a", "mov,mp4,m4a,3gp,3g2,mj2"),
        ("speech_surround71.ogg", "ogg"),
        ("speech_gsm.wav", "wav"),
        ("speech_adpcm_ms.wav", "wav"),
        ("speech_adpcm_ima.wav", "wav"),
        ("speech_mulaw.wav", "wav"),
        ("speech_alaw.wav", "wav"),
    ]
)


@pytest.mark.parametrize(("name", "demuxer"), sorted(DEMUXER_OF.items()))
def test_ffmpeg_recognises_the_bytes(name: str, demuxer: str) -> None:
    """Content decides: the file is opened from its bytes alone, under a neutral name."""
    with open_audio(read_fixture(f"formats/{name}")) as container:
        assert container.format.name == demuxer
        assert container.streams.audio


def test_every_format_fixture_is_listed() -> None:
    assert set(FORMATS) == set(DEMUXER_OF)


@pytest.mark.parametrize(
    "data",
    [
        read_fixture("formats/headerless.pcm"),  # raw PCM: no header, nothing to recognise
        read_fixture("random.bin"),
        read_fixture("image.png"),  # FFmpeg reads PNG, but not as one of the allowed demuxers
        b"#EXTM3U\n#EXTINF:6,\nfile://" + str(FIXTURES / "speech.wav").encode() + b"\n",
        b"ffconcat version 1.0\nfile " + str(FIXTURES / "speech.wav").encode() + b"\n",
        b"<?xml version='1.0'?><MPD xmlns='urn:mpeg:dash:schema:mpd:2011'><Period><AdaptationSet>"
        b"<Representation><BaseURL>file:///etc/passwd</BaseURL></Representation>"
        b"</AdaptationSet></Period></MPD>",
    ],
    ids=["headerless-pcm", "random", "png", "hls-playlist", "concat-script", "dash-manifest"],
)
def test_refused_even_past_the_fast_check(data: bytes) -> None:
    """Straight to FFmpeg, without the text check: the demuxer allow-list still refuses."""
    with pytest.raises(NotAudio):
        open_audio(data)


def test_nothing_that_opens_other_inputs_is_allowed() -> None:
    for name in ("concat", "hls", "dash", "image2", "tee", "ffmetadata", "s16le", "png_pipe"):
        assert name not in AUDIO_DEMUXERS
    assert CONTAINER_OPTIONS["protocol_whitelist"] == "none"
    assert "file" in CONTAINER_OPTIONS["protocol_blacklist"].split(",")


def test_fixture_files_exist() -> None:
    assert len(FORMATS) >= 21
    assert all(Path(FIXTURES / "formats" / name).stat().st_size < 300_000 for name in FORMATS)
