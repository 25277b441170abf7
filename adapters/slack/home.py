"""The app's Home tab and the one-time welcome in its Messages tab.

On ``app_home_opened`` the member's Home tab is published (``views.publish``): how to clone,
their voices with the ``/voices`` buttons (the same action ids, so the same handlers), their
consent records, "Download my data" and "Forget me"; workspace admins also see the settings.
It is published again after every change the member makes (:func:`refresh_home`). The first
time a member opens the Messages tab the bot posts one welcome with the same short guide,
remembered in the database until forget-me."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackClientError
from slack_sdk.models.views import View

from adapters.slack import forget
from adapters.slack.blocks import FORGET_ASK, MY_DATA, Block, actions, button, context, section
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_click, on_home_opened
from adapters.slack.voices import voices_list
from bot.facade import describe
from bot.i18n import LANGUAGES, Translator
from bot.models import VoiceRecord

log = logging.getLogger(__name__)

#: Slack takes 100 blocks in a Home tab; voices list at most 20 (41 blocks), consents this many.
MAX_LISTED_CONSENTS = 20


def guide(t: Translator) -> str:
    return f"*{t('home-how-to-title')}*\n{t('home-how-to')}"


def home_view(
    t: Translator,
    voices: list[VoiceRecord],
    consents: list[dict[str, Any]],
    settings: dict[str, Any] | None,
) -> View:
    blocks: list[Block] = [section(guide(t))]
    blocks.append(section(f"*{t('home-voices-title')}*"))
    if voices:
        _, listing = voices_list(t, voices)
        blocks += listing
    else:
        blocks.append(context(t("home-no-voices")))
    blocks.append(section(f"*{t('home-consents-title')}*"))
    lines = [
        t(
            "home-consent-line",
            when=t.date_time(datetime.fromisoformat(str(c["given_at"]))),
            version=str(c["statement_version"]),
            language=LANGUAGES.get(str(c["statement_language"]), str(c["statement_language"])),
        )
        for c in consents[-MAX_LISTED_CONSENTS:]
    ]
    blocks.append(context("\n".join(lines)) if lines else context(t("home-no-consents")))
    if settings is not None:
        shown = "\n".join(f"`{name}`: {value}" for name, value in settings.items())
        blocks.append(section(f"*{t('home-settings-title')}*\n{shown}"))
    blocks.append(
        actions(
            "home-my-data",
            button(t("button-my-data"), MY_DATA, "home"),
            button(t("button-forget-me"), FORGET_ASK, "home", style="danger"),
        )
    )
    view = View(type="home", blocks=blocks)
    view.validate_json()
    return view


async def publish_home(ctx: SlackContext) -> None:
    voicebot = ctx.voicebot
    settings = None
    if ctx.member.is_admin and ctx.member.community_id is not None:
        settings = describe(await voicebot.community_settings(ctx.member))
    view = home_view(
        ctx.t,
        await voicebot.list_voices(ctx.member),
        await voicebot.consents(ctx.member),
        settings,
    )
    await ctx.client.views_publish(user_id=ctx.user_id, view=view)


async def refresh_home(ctx: SlackContext) -> None:
    """After a change the member made: their Home tab shows it. Never fails the change."""
    try:
        await publish_home(ctx)
    except (SlackClientError, OSError):
        log.warning("could not refresh a member's Home tab", exc_info=True)


def register(app: AsyncApp, services: SlackServices) -> None:
    on_home_opened(app, services, home_opened)
    services.on_change.append(refresh_home)
    on_click(app, services, FORGET_ASK, forget.ask)


async def home_opened(ctx: SlackContext, event: dict[str, Any]) -> None:
    if event.get("tab") == "messages":
        # Once per member, remembered across restarts (and forgotten by forget-me).
        if await ctx.voicebot.welcome_once(ctx.member):
            text = f"{ctx.t('welcome-title')}\n\n{guide(ctx.t)}"
            await ctx.reply(ctx.t("welcome-title"), [section(text)])
        return
    await publish_home(ctx)
