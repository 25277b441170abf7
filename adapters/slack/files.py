"""Slack files: which ones may be voice clips, finding them again by id, and reading one as the
core's :class:`bot.ports.AudioSource` (downloaded with the bot token, size-capped while
reading, refused when Slack answers with its login page)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_error
from bot.errors import DownloadFailed
from bot.facade import HttpAudioSource, label_says_audio, looks_like_html

log = logging.getLogger(__name__)


class SlackFilesScopeMissing(DownloadFailed):
    """Slack served its HTML login page (status 200) instead of the file."""

    message_key = "error-slack-sign-in-page"
    default_message = (
        "I couldn't download your clip: Slack sent me a sign-in page instead of the audio, "
        "which means this app is missing the files:read permission. Ask a workspace admin to "
        "add the files:read scope and reinstall the app, then send your clip again."
    )


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_trusted_file_host(url: str, extra_hosts: frozenset[str]) -> bool:
    """Only Slack's own hosts (or the configured fake) ever see the bot token."""
    host = host_of(url)
    return host == "slack.com" or host.endswith(".slack.com") or host in extra_hosts


def refuse_sign_in_page(head: bytes) -> None:
    if looks_like_html(head):
        raise SlackFilesScopeMissing()


class SlackFileSource(HttpAudioSource):
    """One file, fetched lazily from ``url_private_download`` with the bot token.

    ``url`` comes from a fresh ``files.info``: Slack's file URLs are private but not meant to
    be stored, so the core only ever keeps the file id.
    """

    def __init__(
        self,
        *,
        session: Callable[[], aiohttp.ClientSession],
        url: str,
        token: str,
        declared_size: int | None,
        max_bytes: int,
        trusted_hosts: frozenset[str],
    ) -> None:
        super().__init__(
            session,
            url,
            what="Slack file",
            declared_size=declared_size,
            headers={"Authorization": f"Bearer {token}"},
            max_bytes=max_bytes,
            refuse_head=refuse_sign_in_page,
        )
        self._trusted = is_trusted_file_host(url, trusted_hosts)
        self._host = host_of(url)

    async def stream(self) -> AsyncIterator[bytes]:
        if not self._trusted:
            log.warning("refusing to send the bot token to file host %s", self._host)
            raise DownloadFailed()
        async for chunk in super().stream():
            yield chunk


def needs_file_info(file: Mapping[str, Any]) -> bool:
    """Some deliveries carry only the id (``file_access: check_file_info``)."""
    return file.get("file_access") == "check_file_info" or not file.get("url_private_download")


def may_be_audio(file: Mapping[str, Any]) -> bool:
    """The MIME type of a clip is unreliable (``video/mp4`` for AAC audio, ``.webm`` names on
    MP4 bytes): the core sniffs the bytes; this only keeps screenshots and documents from
    reaching the consent prompt."""
    if file.get("subtype") == "slack_audio":
        return True
    return label_says_audio(str(file.get("mimetype") or ""), str(file.get("filetype") or ""))


class SlackFiles:
    def __init__(
        self,
        *,
        client: AsyncWebClient,
        token: str,
        session: Callable[[], aiohttp.ClientSession],
        max_bytes: int,
        trusted_hosts: frozenset[str],
    ) -> None:
        self._client = client
        self._token = token
        self._session = session
        self._max_bytes = max_bytes
        self._trusted_hosts = trusted_hosts

    async def info(self, file_id: str) -> dict[str, Any]:
        try:
            response = await self._client.files_info(file=file_id)
        except SlackApiError as exc:
            error = slack_error(exc)
            log.warning("files.info failed: %s", error)
            if error == "missing_scope":
                raise SlackFilesScopeMissing() from exc
            if error in {"file_not_found", "file_deleted"}:
                raise DownloadFailed(
                    "I can't find that clip any more: it may have been deleted. "
                    "Send it to me again.",
                    key="error-slack-clip-gone",
                ) from exc
            raise DownloadFailed() from exc
        file = response.get("file")
        if not isinstance(file, dict):
            raise DownloadFailed()
        return file

    async def complete(self, file: Mapping[str, Any]) -> dict[str, Any]:
        """The file with its URLs, asking ``files.info`` when the event left them out."""
        if needs_file_info(file):
            return await self.info(str(file["id"]))
        return dict(file)

    def source(self, file: Mapping[str, Any]) -> SlackFileSource:
        url = file.get("url_private_download") or file.get("url_private")
        if not url:
            raise DownloadFailed()
        size = file.get("size")
        return SlackFileSource(
            session=self._session,
            url=str(url),
            token=self._token,
            declared_size=int(size) if isinstance(size, int | float) else None,
            max_bytes=self._max_bytes,
            trusted_hosts=self._trusted_hosts,
        )
