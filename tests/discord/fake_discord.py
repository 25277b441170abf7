"""A fake Discord REST API and CDN on 127.0.0.1, for driving the real discord.py client.

discord.py sends every REST call (interaction callbacks and webhook follow-ups included) to
``discord.http.Route.BASE``; :func:`running_fake_discord` points it here and restores it.
Every request is recorded; messages the bot posts are answered as Discord would (with ids,
attachments and the components it sent) so tests can click the buttons in them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import mimetypes
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord.http
import yarl
from aiohttp import BodyPartReader, web
from discord.gateway import DiscordWebSocket

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audio"
APPLICATION_ID = 1100000000000000001
BOT_USER_ID = 1100000000000000001
BOT_USER = {
    "id": str(BOT_USER_ID),
    "username": "voiceclone",
    "discriminator": "0",
    "global_name": "Voice Clone",
    "avatar": None,
    "bot": True,
    "flags": 0,
}


@dataclass(frozen=True)
class Upload:
    field: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    query: dict[str, str]
    json: Any
    uploads: tuple[Upload, ...] = ()

    @property
    def content(self) -> str | None:
        body = self.message_body
        return body.get("content") if isinstance(body, dict) else None

    @property
    def message_body(self) -> dict[str, Any]:
        """The message fields, whether sent directly or inside an interaction callback."""
        body = self.json if isinstance(self.json, dict) else {}
        if "type" in body and "data" in body and self.path.endswith("/callback"):
            return body.get("data") or {}
        return body

    def custom_ids(self) -> list[str]:
        ids: list[str] = []
        for row in self.message_body.get("components") or []:
            for component in row.get("components", []):
                if "custom_id" in component:
                    ids.append(component["custom_id"])
        return ids


GatewayHandler = Callable[[web.WebSocketResponse, dict[str, Any]], Awaitable[None]]


def json_response(payload: Any, status: int = 200) -> web.Response:
    # Exactly "application/json": discord.py treats anything else (even with a charset) as text.
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class FakeDiscord:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    #: Messages by id: the ones the test "sent" as users and the ones the bot posted.
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: Original interaction responses by interaction token.
    originals: dict[str, dict[str, Any]] = field(default_factory=dict)
    reject_voice_messages: bool = False
    #: Channels where posting a message is refused with 403 Missing Permissions.
    forbidden_channels: set[int] = field(default_factory=set)
    #: Attachment downloads served by the CDN.
    cdn_downloads: int = 0
    #: Answer login with 401, as Discord does for a wrong or reset token.
    reject_token: bool = False
    #: IDENTIFY payloads received on the fake gateway.
    identifies: list[dict[str, Any]] = field(default_factory=list)
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    #: Extra gateway opcodes the bot may send (op 4, voice state: tests/discord/fake_voice.py).
    gateway_handlers: dict[int, GatewayHandler] = field(default_factory=dict)
    _sequence: itertools.count[int] = field(default_factory=lambda: itertools.count(2))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1300000000000000000))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    # --- for tests -----------------------------------------------------------------------
    def snowflake(self) -> int:
        return next(self._ids)

    def cdn_url(self, fixture: str) -> str:
        return f"{self.url}/cdn/attachments/{fixture}?ex=deadbeef&is=cafe&hm=signed"

    def attachment(
        self, fixture: str, *, voice: bool = False, content_type: str | None = None
    ) -> dict[str, Any]:
        path = FIXTURES / fixture
        guessed = mimetypes.guess_type(fixture)[0] or "application/octet-stream"
        payload: dict[str, Any] = {
            "id": str(self.snowflake()),
            "filename": "voice-message.ogg" if voice else fixture,
            "size": path.stat().st_size,
            "url": self.cdn_url(fixture),
            "proxy_url": self.cdn_url(fixture),
            "content_type": content_type or ("audio/ogg" if voice else guessed),
        }
        if voice:
            payload.update({"duration_secs": 12.5, "waveform": "AAAA", "flags": 0})
        return payload

    def find(self, method: str, pattern: str, since: int = 0) -> list[Call]:
        regex = re.compile(pattern)
        return [c for c in self.calls[since:] if c.method == method and regex.search(c.path)]

    async def wait_for(
        self, predicate: Callable[[Call], bool], *, since: int = 0, seconds: float = 15.0
    ) -> Call:
        async def look() -> Call:
            while True:
                for call in self.calls[since:]:
                    if predicate(call):
                        return call
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(look(), seconds)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event (MESSAGE_CREATE...) to every connected shard."""
        frame = {"op": 0, "t": event, "s": next(self._sequence), "d": data}
        for socket in list(self.sockets):
            await socket.send_json(frame)

    async def close_sockets(self) -> None:
        for socket in list(self.sockets):
            await socket.close()

    # --- server --------------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        app.router.add_get("/cdn/attachments/{name}", self._cdn)
        app.router.add_get("/gateway", self._gateway)
        return app

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        """Just enough of the gateway: HELLO, READY after IDENTIFY, heartbeat ACKs."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        try:
            await socket.send_json({"op": 10, "d": {"heartbeat_interval": 45000}})
            async for frame in socket:
                message = frame.json()
                if message["op"] == 1:
                    await socket.send_json({"op": 11})
                elif message["op"] == 2:
                    self.identifies.append(message["d"])
                    await socket.send_json(self._ready(message["d"]))
                elif (handler := self.gateway_handlers.get(message["op"])) is not None:
                    await handler(socket, message["d"])
                self._changed.set()
        finally:
            self.sockets.remove(socket)
            self._changed.set()
        return socket

    def _ready(self, identify: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [],
            "session_id": f"session{len(self.identifies)}",
            "resume_gateway_url": f"{self.url.replace('http', 'ws', 1)}/gateway",
            "application": {"id": str(APPLICATION_ID), "flags": 0},
        }
        if "shard" in identify:
            data["shard"] = identify["shard"]
        return {"op": 0, "t": "READY", "s": 1, "d": data}

    async def wait_until(self, condition: Callable[[], bool], *, seconds: float = 15.0) -> None:
        async def look() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(look(), seconds)

    async def _cdn(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = FIXTURES / name
        if not path.is_file():
            return web.Response(status=404, text="not found")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self.cdn_downloads += 1
        return web.Response(body=path.read_bytes(), headers={"Content-Type": content_type})

    async def _read(self, request: web.Request) -> tuple[Any, tuple[Upload, ...]]:
        if request.content_type.startswith("multipart/"):
            body: Any = None
            uploads: list[Upload] = []
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                data = await part.read()
                if part.name == "payload_json":
                    body = json.loads(data)
                else:
                    uploads.append(
                        Upload(
                            field=part.name,
                            filename=part.filename,
                            content_type=part.headers.get("Content-Type", ""),
                            data=bytes(data),
                        )
                    )
            return body, tuple(uploads)
        raw = await request.read()
        return (json.loads(raw) if raw else None), ()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, uploads = await self._read(request)
        call = Call(request.method, path, dict(request.query), body, uploads)
        self.calls.append(call)
        try:
            return self._answer(call)
        finally:
            self._changed.set()

    def _answer(self, call: Call) -> web.Response:
        method, path = call.method, call.path
        if path == "/users/@me" and method == "GET":
            if self.reject_token:
                return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
            return json_response(BOT_USER)
        if path == "/oauth2/applications/@me":
            return json_response(self._application())
        if path == "/users/@me/channels" and method == "POST":
            recipient = call.json["recipient_id"]
            return json_response(
                {"id": str(self.snowflake()), "type": 1, "recipients": [_user(int(recipient))]}
            )
        if m := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            return self._callback(int(m[1]), m[2], call)
        if m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)/messages/@original", path):
            return self._original(m[2], call)
        if m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)/messages/(\d+)", path):
            if method == "DELETE":
                return web.Response(status=204)
            return json_response(self._store(self._message_from(call, channel_id=0)))
        if m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)", path):
            if (call.message_body.get("flags", 0) & 8192) and self.reject_voice_messages:
                return json_response({"code": 50161, "message": "Invalid voice message"}, 400)
            return json_response(self._store(self._message_from(call, channel_id=0)))
        if m := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path):
            found = self.messages.get(int(m[2]))
            if method == "GET":
                if found is None:
                    return json_response({"code": 10008, "message": "Unknown Message"}, 404)
                return json_response(found)
        if (m := re.fullmatch(r"/channels/(\d+)/messages", path)) and method == "POST":
            if int(m[1]) in self.forbidden_channels:
                return json_response({"code": 50013, "message": "Missing Permissions"}, 403)
            return json_response(self._store(self._message_from(call, channel_id=int(m[1]))))
        if re.fullmatch(r"/applications/(\d+)(/guilds/\d+)?/commands", path) and method == "PUT":
            return json_response([self._command(c) for c in call.json])
        return json_response({"code": 0, "message": f"fake: no route {method} {path}"}, 404)

    # --- answers ---------------------------------------------------------------------------
    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APPLICATION_ID),
            "name": "Voice Clone",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": _user(1),
            "verify_key": "00",
            "flags": 0,
        }

    def _command(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(self.snowflake()),
            "application_id": str(APPLICATION_ID),
            "version": "1",
            "default_member_permissions": None,
            "dm_permission": True,
            "nsfw": False,
            "description": "",
            **data,
        }

    def _message_from(self, call: Call, *, channel_id: int) -> dict[str, Any]:
        body = call.message_body
        attachments = []
        for index, upload in enumerate(call.uploads):
            meta = (body.get("attachments") or [{}] * (index + 1))[index] if body else {}
            attachments.append(
                {
                    "id": str(self.snowflake()),
                    "filename": upload.filename or "file",
                    "size": len(upload.data),
                    "url": f"{self.url}/cdn/attachments/{upload.filename}",
                    "proxy_url": f"{self.url}/cdn/attachments/{upload.filename}",
                    "content_type": upload.content_type,
                    **{k: v for k, v in meta.items() if k in ("duration_secs", "waveform")},
                }
            )
        return {
            "id": str(self.snowflake()),
            "channel_id": str(channel_id),
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments,
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags", 0) or 0,
            "components": body.get("components") or [],
        }

    def _store(self, message: dict[str, Any]) -> dict[str, Any]:
        self.messages[int(message["id"])] = message
        return message

    def _callback(self, interaction_id: int, token: str, call: Call) -> web.Response:
        kind = call.json["type"] if isinstance(call.json, dict) else 4
        resource: dict[str, Any] = {"type": kind}
        loading = kind == 5
        flags = (call.message_body.get("flags") or 0) if kind in (4, 5) else 0
        if kind in (4, 5):
            message = self._message_from(call, channel_id=0)
            message["flags"] = flags | (128 if loading else 0)
            self.originals[token] = self._store(message)
            resource["message"] = message
        return json_response(
            {
                "interaction": {
                    "id": str(interaction_id),
                    "type": 2,
                    "response_message_id": resource.get("message", {}).get("id"),
                    "response_message_loading": loading,
                    "response_message_ephemeral": bool(flags & 64),
                },
                "resource": resource,
            }
        )

    def _original(self, token: str, call: Call) -> web.Response:
        current = self.originals.get(token)
        if call.method == "GET":
            if current is None:
                return json_response({"code": 10008, "message": "Unknown Message"}, 404)
            return json_response(current)
        if call.method == "DELETE":
            self.originals.pop(token, None)
            return web.Response(status=204)
        edited = self._message_from(call, channel_id=0)
        if current is not None:
            edited["id"] = current["id"]
            edited["flags"] = current["flags"] & ~128
            for key in ("content", "components", "attachments"):
                if key not in call.message_body and not (key == "attachments" and call.uploads):
                    edited[key] = current[key]
        self.originals[token] = self._store(edited)
        return json_response(edited)


def _user(user_id: int, name: str | None = None) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name or f"user{user_id}",
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "flags": 0,
    }


@asynccontextmanager
async def running_fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    fake.url = f"http://{host}:{port}"
    previous = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = f"{fake.url}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://{host}:{port}/gateway")
    try:
        yield fake
    finally:
        discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = previous
        await fake.close_sockets()
        await runner.cleanup()
