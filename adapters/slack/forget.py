"""``/forget-me``: erase everything about the member, after they confirm with a button."""

from __future__ import annotations

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import FORGET_CANCEL, FORGET_CONFIRM, Block, actions, button, section
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_click, on_command
from adapters.slack.payloads import Click, Command
from bot.i18n import Translator


def forget_prompt(t: Translator, token: str) -> tuple[str, list[Block]]:
    text = t("forget-title-slack")
    return text, [
        section(f":warning: *{text}*\n{t('forget-body-slack')}"),
        actions(
            "forget",
            button(t("button-erase-everything"), FORGET_CONFIRM, token, style="danger"),
            button(t("button-cancel"), FORGET_CANCEL, token),
        ),
    ]


def forgotten_text(t: Translator, voices: int) -> str:
    return t("forget-done-slack", voices=voices)


def forget_cancelled_text(t: Translator) -> str:
    return t("forget-cancelled")


def register(app: AsyncApp, services: SlackServices) -> None:
    on_command(app, services, "/forget-me", ask)
    on_click(app, services, FORGET_CONFIRM, confirmed, replace_original=True)
    on_click(app, services, FORGET_CANCEL, cancelled, replace_original=True)


async def ask(ctx: SlackContext, _: Command | Click) -> None:
    action = await ctx.voicebot.ask_forget(ctx.member)
    text, prompt = forget_prompt(ctx.t, action.token)
    await ctx.reply(text, prompt)


async def confirmed(ctx: SlackContext, click: Click) -> None:
    """The confirmation prompt is replaced by the outcome."""
    report = await ctx.voicebot.forget_confirmed(click.value, ctx.member)
    ctx.services.users.forget(click.user_id, click.team_id)
    await ctx.reply(forgotten_text(ctx.t, len(report.voice_ids)))
    await ctx.services.changed(ctx)


async def cancelled(ctx: SlackContext, click: Click) -> None:
    await ctx.voicebot.cancel(click.value, ctx.member)
    await ctx.reply(forget_cancelled_text(ctx.t))
