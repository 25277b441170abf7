"""Voice previews: a fresh signed link from the API, and the audio behind it."""

from __future__ import annotations

from bot.api.errors import ApiUnavailable
from bot.api.parsing import parse_json
from bot.api.transport import Transport
from bot.api.voices import segment


async def preview_url(transport: Transport, voice_id: str) -> str:
    reply = await transport.call("preview", "GET", f"/voices/preview/{segment(voice_id)}")
    data = parse_json(reply, "preview")
    url = (data.get("signed_url") or data.get("url")) if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ApiUnavailable(status=reply.status, api_message="preview: no signed_url")
    return url


async def fetch_preview_audio(transport: Transport, url: str, max_bytes: int) -> tuple[bytes, str]:
    """The link authorises itself, so the API key is not sent (it must not leak to a CDN)."""
    if not url.startswith(("http://", "https://")):
        raise ApiUnavailable(api_message="preview: not an http(s) link")
    reply = await transport.call(
        "preview_audio", "GET", url, auth=False, absolute=True, max_bytes=max_bytes
    )
    return reply.body, reply.content_type
