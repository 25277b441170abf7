"""Reading a Slack file: bot token, size cap while reading, Slack's login page refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.files import (
    SlackFiles,
    SlackFileSource,
    SlackFilesScopeMissing,
    may_be_audio,
    needs_file_info,
)
from bot.errors import DownloadFailed, TooLarge
from bot.facade import HttpSessions, looks_like_html
from tests.slack.conftest import audio
from tests.slack.fake_slack import BOT_TOKEN, LOGIN_PAGE, FakeSlack


@pytest.fixture
async def files(fake_slack: FakeSlack) -> AsyncIterator[SlackFiles]:
    http = HttpSessions()
    yield SlackFiles(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=fake_slack.api_url),
        token=BOT_TOKEN,
        session=http,
        max_bytes=64 * 1024,
        trusted_hosts=frozenset({"127.0.0.1"}),
    )
    await http.close()


async def read(source: SlackFileSource) -> bytes:
    return b"".join([chunk async for chunk in source.stream()])


async def test_reads_the_file_with_the_bot_token(files: SlackFiles, fake_slack: FakeSlack) -> None:
    content = audio("slack_clip.webm")
    file = fake_slack.add_file(content)
    source = files.source(await files.info(file["id"]))
    assert source.declared_size == len(content)
    assert await read(source) == content
    assert fake_slack.download_auth_failures == 0


async def test_size_cap_holds_even_when_the_declared_size_lies(
    files: SlackFiles, fake_slack: FakeSlack
) -> None:
    file = fake_slack.add_file(b"\0" * (200 * 1024))
    fake_slack.files[file["id"]].meta["size"] = 1000
    source = files.source(await files.info(file["id"]))
    assert source.declared_size == 1000
    with pytest.raises(TooLarge):
        await read(source)


@pytest.mark.parametrize("page", [LOGIN_PAGE, b"\xef\xbb\xbf\n  <HTML><body>x</body></HTML>"])
def test_html_is_recognised(page: bytes) -> None:
    assert looks_like_html(page)
    assert not looks_like_html(audio("voice_message.ogg")[:512])


async def test_login_page_means_files_read_is_missing(
    files: SlackFiles, fake_slack: FakeSlack
) -> None:
    file = fake_slack.add_file(b"", login_page=True)
    with pytest.raises(SlackFilesScopeMissing) as raised:
        await read(files.source(file))
    assert raised.value.code == "download_failed"
    assert "files:read" in raised.value.message


async def test_files_info_without_the_scope(files: SlackFiles, fake_slack: FakeSlack) -> None:
    fake_slack.missing_scopes.add("files:read")
    with pytest.raises(SlackFilesScopeMissing):
        await files.info("F000001")


async def test_missing_file_and_failed_download(files: SlackFiles, fake_slack: FakeSlack) -> None:
    with pytest.raises(DownloadFailed, match="deleted"):
        await files.info("FNOPE")
    gone = {"id": "FGONE", "url_private_download": f"{fake_slack.url}/files/FGONE/x.webm"}
    with pytest.raises(DownloadFailed):
        await read(files.source(gone))


async def test_the_token_never_leaves_for_another_host(files: SlackFiles) -> None:
    elsewhere = {"id": "F1", "url_private_download": "http://files.example.net/F1/clip.webm"}
    with pytest.raises(DownloadFailed):
        await read(files.source(elsewhere))


async def test_unreachable_host_is_a_download_failure(fake_slack: FakeSlack) -> None:
    async with aiohttp.ClientSession() as session:
        source = SlackFileSource(
            session=lambda: session,
            url="http://127.0.0.1:9/clip.webm",
            token=BOT_TOKEN,
            declared_size=None,
            max_bytes=1000,
            trusted_hosts=frozenset({"127.0.0.1"}),
        )
        with pytest.raises(DownloadFailed):
            await read(source)


def test_which_files_may_be_clips() -> None:
    assert may_be_audio({"subtype": "slack_audio", "mimetype": "video/mp4"})
    assert may_be_audio({"mimetype": "audio/ogg"})
    assert may_be_audio({"mimetype": "application/octet-stream", "filetype": "binary"})
    assert may_be_audio({"mimetype": "text/plain", "filetype": "m4a"})
    assert not may_be_audio({"mimetype": "image/png", "filetype": "png"})
    assert needs_file_info({"id": "F1", "file_access": "check_file_info"})
    assert needs_file_info({"id": "F1"})
    assert not needs_file_info({"id": "F1", "url_private_download": "https://files.slack.com/x"})
