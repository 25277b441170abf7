"""``/forget-me``: erase everything about the member, after they confirm with a button."""

from __future__ import annotations

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import FORGET_CANCEL, FORGET_CONFIRM, Block, actions, button, section
from adapters.slack.plumbing import Click, Command, PrivateReply, SlackContext, on_click, on_command
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


def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_command(app, ctx, "/forget-me", ask)
    on_click(app, ctx, FORGET_CONFIRM, confirmed, replace_original=True)
    on_click(app, ctx, FORGET_CANCEL, cancelled, replace_original=True)


async def ask(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member, t = await ctx.who(command.user_id, command.team_id)
    action = await ctx.voicebot.ask_forget(member)
    text, prompt = forget_prompt(t, action.token)
    await where.send(text, prompt)


async def confirmed(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    """The confirmation prompt is replaced by the outcome."""
    member, t = await ctx.who(click.user_id, click.team_id)
    report = await ctx.voicebot.forget_confirmed(click.value, member)
    ctx.locales.forget(click.user_id, click.team_id)
    await prompt.send(forgotten_text(t, len(report.voice_ids)))


async def cancelled(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    member, t = await ctx.who(click.user_id, click.team_id)
    await ctx.voicebot.cancel(click.value, member)
    await prompt.send(forget_cancelled_text(t))
