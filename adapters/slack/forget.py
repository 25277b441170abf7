"""``/forget-me``: erase everything about the member, after they confirm with a button."""

from __future__ import annotations

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import FORGET_CANCEL, FORGET_CONFIRM, Block, actions, button, section
from adapters.slack.plumbing import Click, Command, PrivateReply, SlackContext, on_click, on_command


def forget_prompt(token: str) -> tuple[str, list[Block]]:
    text = "Erase all your voices and everything I know about you?"
    return text, [
        section(
            f":warning: *{text}*\nYour cloned voices are deleted from the voice service, and "
            "your requests, consents and history are erased. This can't be undone."
        ),
        actions(
            "forget",
            button("Erase everything", FORGET_CONFIRM, token, style="danger"),
            button("Cancel", FORGET_CANCEL, token),
        ),
    ]


def forgotten_text(voices: int) -> str:
    return f"Done: I deleted {voices} voice(s) and erased everything I knew about you."


def forget_cancelled_text() -> str:
    return "Cancelled: nothing was erased."


def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_command(app, ctx, "/forget-me", ask)
    on_click(app, ctx, FORGET_CONFIRM, confirmed, replace_original=True)
    on_click(app, ctx, FORGET_CANCEL, cancelled, replace_original=True)


async def ask(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    action = await ctx.voicebot.ask_forget(member)
    text, prompt = forget_prompt(action.token)
    await where.send(text, prompt)


async def confirmed(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    """The confirmation prompt is replaced by the outcome."""
    member = await ctx.members.member(click.user_id, click.team_id)
    report = await ctx.voicebot.forget_confirmed(click.value, member)
    await prompt.send(forgotten_text(len(report.voice_ids)))


async def cancelled(ctx: SlackContext, click: Click, prompt: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    await ctx.voicebot.cancel(click.value, member)
    await prompt.send(forget_cancelled_text())
