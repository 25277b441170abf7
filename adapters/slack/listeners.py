"""Button listeners all do the same thing first: ack at once, then work in the background."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack.context import SlackContext
from adapters.slack.payloads import Click, click_of
from adapters.slack.replies import PrivateReply, private_reply

ClickWork = Callable[[SlackContext, Click, PrivateReply], Coroutine[Any, Any, None]]


def on_click(
    app: AsyncApp,
    ctx: SlackContext,
    action_id: str,
    work: ClickWork,
    *,
    replace_original: bool = False,
) -> None:
    """Register ``work`` for the button ``action_id``. It gets the reply that replaces the
    clicked message when ``replace_original``, else a private reply next to it; a failure is
    reported privately either way."""

    async def listener(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        click = click_of(body)
        where = private_reply(ctx.client, respond, click.user_id, click.channel_id)
        target = (
            private_reply(
                ctx.client, respond, click.user_id, click.channel_id, replace_original=True
            )
            if replace_original
            else where
        )
        ctx.run(where, work(ctx, click, target), name=f"slack-{action_id}")

    app.action(action_id)(listener)
