"""HTTP mode: Slack POSTs events, commands and clicks to ``/slack/events`` (aiohttp)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import SlackVoiceApp
from adapters.slack.context import DRAIN_SECONDS
from bot.errors import NotAllowed

log = logging.getLogger(__name__)

SLACK_EVENTS_PATH = "/slack/events"
SLACK_APP_KEY = web.AppKey("slack_app", SlackVoiceApp)
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_JSON_TYPES = frozenset({"application/json"})
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded"})


class _Refused(Exception):
    """A request answered with ``status`` before Slack bolt sees it."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _verify_signature(
    verifier: SignatureVerifier | None, request: web.Request, body: bytes
) -> None:
    """Slack's v0 signature over the raw body, with a timestamp within Slack's replay window
    of five minutes (both checked by ``slack_sdk``); nothing of the body is read before this
    passes. The checks before it keep what the SDK would choke on (a timestamp that is not a
    number, a signature that is not ASCII, a body that is not UTF-8) a plain refusal."""
    timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
    signature = request.headers.get("X-Slack-Signature", "")
    if verifier is None or not timestamp or not signature:
        raise _Refused(401, "no signature")
    if not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        raise _Refused(401, "a malformed timestamp or signature")
    try:
        valid = verifier.is_valid(body, timestamp, signature)
    except UnicodeDecodeError:
        valid = False  # Slack signs UTF-8 bodies only
    if not valid:
        raise _Refused(401, "a wrong signature or a timestamp outside the replay window")


def _check_body(content_type: str, body: bytes) -> None:
    """After a valid signature: the body is what Slack sends (a JSON object, or a form whose
    ``payload``, when there is one, is a JSON object), so bolt's parsing can't fail."""
    try:
        text = body.decode("utf-8")
        if content_type in _JSON_TYPES:
            if not isinstance(json.loads(text), dict):
                raise ValueError("not a JSON object")
        elif content_type in _FORM_TYPES:
            payloads = parse_qs(text, keep_blank_values=True).get("payload", [])
            if len(payloads) > 1:
                raise ValueError("several payloads")
            if payloads and not isinstance(json.loads(payloads[0]), dict):
                raise ValueError("a payload that is not a JSON object")
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise _Refused(400, f"a malformed body ({type(exc).__name__})") from None


_REFUSALS = {
    401: NotAllowed("That request could not be verified."),
    400: NotAllowed("That request is malformed."),
}


def create_http_app(
    app: SlackVoiceApp,
    *,
    routes: Iterable[web.AbstractRouteDef] = (),
    drain_seconds: float = DRAIN_SECONDS,
) -> web.Application:
    """An aiohttp application serving ``POST /slack/events``; add more routes (``/healthz``,
    ``/metrics``) with ``routes`` or on the returned application. Shutting it down stops
    taking requests first, then waits up to ``drain_seconds`` for the work the Slack
    listeners started."""

    setting = app.voice.settings.slack_signing_secret
    secret = setting.get_secret_value() if setting else ""
    # Without a secret nothing can be verified: every request is refused.
    verifier = SignatureVerifier(secret) if secret.strip() else None

    async def slack_events(request: web.Request) -> web.Response:
        body = await request.read()
        try:
            _verify_signature(verifier, request, body)
            _check_body(request.content_type, body)
        except _Refused as refused:
            # Anyone can send these: a line each, never a traceback or an ERROR.
            log.warning("Slack request refused (%d): %s", refused.status, refused.reason)
            return web.json_response(_REFUSALS[refused.status].to_dict(), status=refused.status)
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def drain(_: web.Application) -> None:
        await app.aclose(drain_seconds)

    web_app = web.Application()
    web_app[SLACK_APP_KEY] = app
    web_app.router.add_post(SLACK_EVENTS_PATH, slack_events)
    web_app.add_routes(list(routes))
    web_app.on_shutdown.append(drain)
    return web_app
