"""A local fake of the parts of Slack the adapter talks to: the Web API (under ``/api/``),
private file downloads, file upload URLs, ``response_url``s and a Socket Mode WebSocket.

It keeps what it was asked so tests can look: ``calls``, ``messages`` (with every update),
``uploads``, ``responses``. Every Web API call must carry the bot token (the app token for
``apps.connections.open``); downloads need it too, except for files marked ``login_page``,
which get Slack's HTML sign-in page with status 200, as Slack does without ``files:read``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
TEAM_ID = "T0TEAM"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"

LOGIN_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en-US"><head><title>Slack</title></head>'
    b"<body>Sign in to your workspace</body></html>\n"
)

Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def dm_of(user_id: str) -> str:
    """The fake's id of a user's DM with the bot."""
    return f"D{user_id}"


@dataclass
class FakeFile:
    meta: dict[str, Any]
    content: bytes
    login_page: bool = False


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    #: Every version: the post, then each chat.update.
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Upload:
    file_id: str
    filename: str
    length: int
    content: bytes = b""
    channel: str | None = None
    title: str | None = None
    initial_comment: str | None = None


class FakeSlack:
    def __init__(self) -> None:
        self.url = ""
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[str, Message] = {}
        self.ephemerals: list[dict[str, Any]] = []
        self.responses: list[dict[str, Any]] = []
        self.uploads: dict[str, Upload] = {}
        self.files: dict[str, FakeFile] = {}
        #: user id → users.info "user" object (is_admin, is_owner, locale)
        self.users: dict[str, dict[str, Any]] = {}
        #: channel id → conversations.info "channel" object; unknown ids: channel_not_found
        self.channels: dict[str, dict[str, Any]] = {}
        #: Channels where posting fails with not_in_channel (conversations.info aside).
        self.closed_channels: set[str] = set()
        #: True: response_urls answer 404 (used 5 times, or older than 30 minutes).
        self.response_urls_expired = False
        #: Scopes the app "lacks": methods needing them answer missing_scope.
        self.missing_scopes: set[str] = set()
        #: user id → every Home tab view published for them, oldest first.
        self.home_views: dict[str, list[dict[str, Any]]] = {}
        self.download_auth_failures = 0
        self.downloads = 0
        self.socket_connections = 0
        self.socket_acks: list[dict[str, Any]] = []
        #: False: the Socket Mode server never answers pings (a connection gone deaf).
        self.socket_autoping = True
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_ready = asyncio.Event()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Handler] = {
            "auth.test": self._auth_test,
            "apps.connections.open": self._connections_open,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.postEphemeral": self._post_ephemeral,
            "files.info": self._files_info,
            "users.info": self._users_info,
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "views.publish": self._views_publish,
        }

    # --- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/files/{file_id}/{name}", self._download)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/respond/{tag}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        for ws in self._sockets:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # --- set-up helpers -------------------------------------------------------------------
    def add_file(
        self,
        content: bytes,
        *,
        name: str = "audio_message.webm",
        mimetype: str = "audio/webm",
        filetype: str = "webm",
        subtype: str | None = "slack_audio",
        login_page: bool = False,
        user: str = "UALICE",
    ) -> dict[str, Any]:
        """Register a file uploaded by ``user``; returns its object as a ``file_share`` event
        carries it."""
        file_id = f"F{next(self._ids):06d}"
        meta: dict[str, Any] = {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype,
            "size": len(content),
            "url_private": f"{self.url}/files/{file_id}/{name}",
            "url_private_download": f"{self.url}/files/{file_id}-dl/{name}",
            "mode": "hosted",
            "user": user,
        }
        if subtype:
            meta["subtype"] = subtype
        self.files[file_id] = FakeFile(meta, content, login_page)
        return dict(meta)

    def response_url(self, tag: str = "r") -> str:
        return f"{self.url}/respond/{tag}-{next(self._ids)}"

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [args for name, args in self.calls if name == method]

    def posted_in(self, channel: str) -> list[Message]:
        return [m for m in self.messages.values() if m.channel == channel]

    def uploads_to(self, channel: str) -> list[Upload]:
        return [u for u in self.uploads.values() if u.channel == channel]

    # --- the Web API --------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        self.calls.append((method, args))
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if request.headers.get("Authorization") != f"Bearer {expected}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = self._methods.get(method)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(await handler(args))

    def _ts(self) -> str:
        return f"1700000000.{next(self._ids):06d}"

    async def _auth_test(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake team",
            "user": "voicebot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    async def _connections_open(self, _: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.url.replace("http://", "ws://") + "/socket"}

    async def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": dm_of(str(args["users"]))}}

    async def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args["channel"])
        if channel.startswith("D"):
            return {"ok": True, "channel": {"id": channel, "is_im": True, "user": channel[1:]}}
        info = self.channels.get(channel)
        if info is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {"id": channel, **info}}

    async def _post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args["channel"])
        if channel in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        ts = self._ts()
        blocks = _blocks(args)
        message = Message(channel, ts, str(args.get("text") or ""), blocks)
        message.history.append({"text": message.text, "blocks": blocks})
        self.messages[ts] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": message.text}}

    async def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self.messages.get(str(args["ts"]))
        if message is None or message.channel != args["channel"]:
            return {"ok": False, "error": "message_not_found"}
        message.text = str(args.get("text") or "")
        message.blocks = _blocks(args)
        message.history.append({"text": message.text, "blocks": message.blocks})
        return {"ok": True, "channel": message.channel, "ts": message.ts, "text": message.text}

    async def _post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if args.get("channel") in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        self.ephemerals.append({**args, "blocks": _blocks(args)})
        return {"ok": True, "message_ts": self._ts()}

    async def _files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        if "files:read" in self.missing_scopes:
            return {"ok": False, "error": "missing_scope", "needed": "files:read"}
        found = self.files.get(str(args["file"]))
        if found is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": dict(found.meta)}

    async def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = str(args["user"])
        extra = dict(self.users.get(user_id, {}))
        # Like Slack, the member's "locale" only comes when asked for with include_locale.
        if str(args.get("include_locale", "")).lower() not in {"1", "true"}:
            extra.pop("locale", None)
        return {
            "ok": True,
            "user": {
                "id": user_id,
                "team_id": TEAM_ID,
                "is_admin": False,
                "is_owner": False,
                **extra,
            },
        }

    async def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args["view"]
        view = json.loads(view) if isinstance(view, str) else view
        if view.get("type") != "home" or len(view.get("blocks") or []) > 100:
            return {"ok": False, "error": "invalid_arguments"}
        self.home_views.setdefault(str(args["user_id"]), []).append(view)
        return {"ok": True, "view": {"id": f"V{next(self._ids)}", **view}}

    async def _get_upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = f"FUP{next(self._ids):06d}"
        self.uploads[file_id] = Upload(file_id, str(args["filename"]), int(args["length"]))
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    async def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel_id")
        if channel in self.closed_channels:
            return {"ok": False, "error": "not_in_channel"}
        done = []
        for item in json.loads(str(args["files"])):
            upload = self.uploads[item["id"]]
            upload.channel = channel
            upload.title = item.get("title")
            upload.initial_comment = args.get("initial_comment")
            done.append({"id": upload.file_id, "title": upload.title, "name": upload.filename})
        return {"ok": True, "files": done}

    # --- files, uploads, response_url ---------------------------------------------------
    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"].split("-")[0]
        found = self.files.get(file_id)
        if found is None:
            return web.Response(status=404)
        if found.login_page:
            return web.Response(body=LOGIN_PAGE, content_type="text/html")
        if request.headers.get("Authorization") != f"Bearer {BOT_TOKEN}":
            self.download_auth_failures += 1
            return web.Response(status=403)
        self.downloads += 1
        return web.Response(body=found.content, content_type=found.meta["mimetype"])

    async def _upload(self, request: web.Request) -> web.Response:
        upload = self.uploads.get(request.match_info["file_id"])
        if upload is None:
            return web.Response(status=404)
        upload.content = await request.read()
        return web.Response(text=f"OK - {len(upload.content)}")

    async def _respond(self, request: web.Request) -> web.Response:
        if self.response_urls_expired:
            return web.Response(status=404, text="expired_url")
        body = await request.json()
        self.responses.append({"url_tag": request.match_info["tag"], **body})
        return web.Response(text="ok")

    # --- Socket Mode --------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=self.socket_autoping)
        await ws.prepare(request)
        self.socket_connections += 1
        self._sockets.append(ws)
        self._socket_ready.set()
        await ws.send_json({"type": "hello", "num_connections": 1})
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
        return ws

    async def wait_for_socket(self) -> None:
        await self._socket_ready.wait()

    async def socket_send(self, envelope: dict[str, Any]) -> None:
        live = [ws for ws in self._sockets if not ws.closed]
        await live[-1].send_json(envelope)


async def _arguments(request: web.Request) -> dict[str, Any]:
    """The SDK sends JSON for some methods and form fields for others."""
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            args.update(body)
    else:
        form = await request.post()
        args.update({key: value for key, value in form.items() if isinstance(value, str)})
    return args


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return list(blocks or [])
