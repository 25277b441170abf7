"""Slack files: which ones may be voice clips, finding them again by id, reading them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.audio_source import SlackFileSource, SlackFilesScopeMissing
from adapters.slack.replies import slack_error
from bot.errors import DownloadFailed

log = logging.getLogger(__name__)

#: Slack's ``filetype`` values of containers that may hold a voice. The MIME type of a clip is
#: unreliable (``video/mp4`` for AAC audio, ``.webm`` names on MP4 bytes): the core sniffs the
#: bytes; this only keeps screenshots and documents from reaching the consent prompt.
AUDIO_FILETYPES = frozenset(
    {"aac", "aif", "aiff", "amr", "flac", "m4a", "mov", "mp3", "mp4", "mpg", "oga", "ogg",
     "opus", "wav", "webm", "weba", "3gp"}
)  # fmt: skip
UNTYPED_MIMETYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def needs_file_info(file: Mapping[str, Any]) -> bool:
    """Some deliveries carry only the id (``file_access: check_file_info``)."""
    return file.get("file_access") == "check_file_info" or not file.get("url_private_download")


def may_be_audio(file: Mapping[str, Any]) -> bool:
    if file.get("subtype") == "slack_audio":
        return True
    mimetype = str(file.get("mimetype") or "").lower()
    if mimetype.startswith(("audio/", "video/")) or mimetype in UNTYPED_MIMETYPES:
        return True
    return str(file.get("filetype") or "").lower() in AUDIO_FILETYPES


class SlackFiles:
    def __init__(
        self,
        *,
        client: AsyncWebClient,
        token: str,
        session: Callable[[], aiohttp.ClientSession],
        max_bytes: int,
        trusted_hosts: frozenset[str],
        timeout: aiohttp.ClientTimeout,
    ) -> None:
        self._client = client
        self._token = token
        self._session = session
        self._max_bytes = max_bytes
        self._trusted_hosts = trusted_hosts
        self._timeout = timeout

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
                    "Send it to me again."
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
            timeout=self._timeout,
        )
