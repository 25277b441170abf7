"""sniff_container: the container from the first bytes, never from a name or a MIME type."""

from __future__ import annotations

import inspect
import struct

import pytest

from bot.audio.convert import sniff_container
from tests.audio.audio_samples import read_fixture

MP4 = "mov,mp4,m4a,3gp,3g2,mj2"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("voice_message.ogg", "ogg"),
        ("one_second.ogg", "ogg"),
        ("truncated.ogg", "ogg"),
        ("slack_clip.webm", "matroska,webm"),
        ("slack_clip_aac.mp4", MP4),
        ("speech.m4a", MP4),
        ("video_with_sound.mp4", MP4),
        ("video_no_sound.mp4", MP4),
        ("speech.mp3", "mp3"),
        ("speech.wav", "wav"),
        ("stereo_96k.wav", "wav"),
        ("silence.wav", "wav"),
        ("speech.flac", "flac"),
        ("speech.aiff", "aiff"),
        ("login_page.html", None),
        ("image.png", None),
        ("random.bin", None),
    ],
)
def test_fixtures(name: str, expected: str | None) -> None:
    assert sniff_container(read_fixture(name)) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"caff\x00\x01\x00\x00desc", "caf"),
        (b"#!AMR\n\x3c", "amr"),
        (b"#!AMR-WB\n", "amr"),
        (b"RF64\xff\xff\xff\xffWAVEds64", "wav"),
        (b"FORM\x00\x00\x10\x00AIFCFVER", "aiff"),
        (b"\xff\xfb\x90\x64" + bytes(60), "mp3"),  # MPEG-1 layer III frame header
        (b"\xff\xf1\x50\x80\x02\x1f\xfc", "aac"),  # ADTS
        (b"ID3\x04\x00\x00\x00\x00\x00\x0a" + bytes(10) + b"\xff\xfb\x90\x64", "mp3"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x02" + bytes(2) + b"fLaC", "flac"),
        (struct.pack(">I", 24) + b"ftypM4A " + bytes(16), MP4),
        (struct.pack(">I", 0) + b"mdat", MP4),
    ],
)
def test_other_signatures(head: bytes, expected: str) -> None:
    assert sniff_container(head) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"OGG",
        b"<!DOCTYPE html><html><head><title>Sign in</title>",
        b"<?xml version='1.0'?><Error>AccessDenied</Error>",
        b'{"error": "not_authed"}',
        b"Get free stuff now, this is just text",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"RIFF\x24\x00\x00\x00WEBPVP8 ",  # a RIFF that isn't WAVE
        b"\xff\xfe\xfd\xfc",  # frame sync with reserved fields
        b"ID3\x04\x00\x00\x80\x80\x80\x80",  # not a syncsafe size
    ],
)
def test_non_audio(data: bytes) -> None:
    assert sniff_container(data) is None


def test_takes_bytes_only() -> None:
    """No name, extension or content type can sway it: there is no parameter for one."""
    assert list(inspect.signature(sniff_container).parameters) == ["data"]


def test_content_decides_not_the_label() -> None:
    """What a Slack clip is called doesn't matter: its bytes say MP4, an HTML page stays None
    even though it came as "voice-message.ogg"."""
    clip = read_fixture("slack_clip_aac.mp4")
    page = read_fixture("login_page.html")
    assert sniff_container(clip) == MP4
    assert sniff_container(page) is None
    assert sniff_container(b"OggS" + page) == "ogg"  # the bytes, not what follows, decide
