"""Local receivers for error reports: a fake Sentry ingest endpoint and a fake webhook,
real aiohttp servers on 127.0.0.1 that record what reaches them."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


def parse_envelope(body: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """Sentry's envelope: a header line, then (item header, payload) pairs."""
    _, _, rest = body.partition(b"\n")
    items: list[tuple[dict[str, Any], bytes]] = []
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        length = header.get("length")
        if length is None:
            payload, _, rest = rest.partition(b"\n")
        else:
            payload, rest = rest[:length], rest[length + 1 :]
        items.append((header, payload))
    return items


@dataclass
class FakeSentry:
    """``POST /api/<project>/envelope/``, as sentry-sdk sends it."""

    dsn: str = ""
    bodies: list[bytes] = field(default_factory=list)

    @property
    def raw(self) -> bytes:
        return b"\n".join(self.bodies)

    @property
    def events(self) -> list[dict[str, Any]]:
        found = []
        for body in self.bodies:
            for header, payload in parse_envelope(body):
                if header.get("type") == "event":
                    found.append(json.loads(payload))
        return found

    async def handle(self, request: web.Request) -> web.Response:
        # aiohttp inflates a gzip or deflate body itself; this is for a body it left alone.
        body = await request.read()
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        self.bodies.append(body)
        return web.json_response({"id": "0" * 32})


@dataclass
class FakeWebhook:
    """A Discord/Slack incoming webhook: records each JSON post."""

    url: str = ""
    posts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [str(post.get("text") or post.get("content")) for post in self.posts]

    async def handle(self, request: web.Request) -> web.Response:
        self.posts.append(await request.json())
        return web.Response(status=204)


@asynccontextmanager
async def run_fake_sentry() -> AsyncIterator[FakeSentry]:
    fake = FakeSentry()
    app = web.Application()
    app.router.add_post("/api/{project}/envelope/", fake.handle)
    async with TestServer(app, host="127.0.0.1") as server:
        fake.dsn = f"http://publickey@127.0.0.1:{server.port}/42"
        yield fake


@asynccontextmanager
async def run_fake_webhook() -> AsyncIterator[FakeWebhook]:
    fake = FakeWebhook()
    app = web.Application()
    app.router.add_post("/hooks/{token}", fake.handle)
    async with TestServer(app, host="127.0.0.1") as server:
        fake.url = f"http://127.0.0.1:{server.port}/hooks/s3cr3t-webhook-token"
        yield fake
