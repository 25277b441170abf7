"""``/voices`` and its buttons: preview, make default, delete."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import (
    VOICE_DEFAULT,
    VOICE_DELETE,
    VOICE_PREVIEW,
    Block,
    actions,
    button,
    confirm_dialog,
    escape,
    section,
)
from adapters.slack.clone import languages
from adapters.slack.plumbing import (
    Click,
    Command,
    PrivateReply,
    SlackContext,
    on_click,
    on_command,
    open_dm,
    post_preview,
)
from bot.models import Member, VoiceRecord

log = logging.getLogger(__name__)


# --- texts ---------------------------------------------------------------------------------
MAX_LISTED_VOICES = 20


def voices_list(voices: Iterable[VoiceRecord]) -> tuple[str, list[Block]]:
    voices = list(voices)
    if not voices:
        return "You have no voices yet.", [
            section("You have no voices yet. Send me an audio clip in DM to clone yours.")
        ]
    result: list[Block] = [section(f"*Your voices* ({len(voices)})")]
    # Slack takes 50 blocks a message: two per voice, the newest ones first to go.
    shown, hidden = voices[:MAX_LISTED_VOICES], len(voices) - MAX_LISTED_VOICES
    for voice in shown:
        label = f"*{escape(voice.name)}*" + ("  _(default)_" if voice.is_default else "")
        result.append(section(f"{label}\nLanguages: {escape(languages(voice))}"))
        buttons = [button("Preview", VOICE_PREVIEW, voice.voice_id)]
        if not voice.is_default:
            buttons.append(button("Make default", VOICE_DEFAULT, voice.voice_id))
        buttons.append(
            button(
                "Delete",
                VOICE_DELETE,
                voice.voice_id,
                style="danger",
                confirm=confirm_dialog(
                    "Delete this voice?",
                    f"{escape(voice.name)} will be deleted for good.",
                    "Delete",
                ),
            )
        )
        result.append(actions(f"voice:{voice.voice_id}", *buttons))
    if hidden > 0:
        result.append(section(f"…and {hidden} more. Delete some to see the others here."))
    return f"You have {len(voices)} voice(s).", result


def preview_text(voice: VoiceRecord, url: str | None, *, posted: bool) -> str:
    if url:
        return f"Preview of *{escape(voice.name)}*: <{url}|listen to it>"
    if posted:
        return f"I've sent you the preview of *{escape(voice.name)}* in our direct messages."
    return f"The preview of *{escape(voice.name)}* isn't ready yet: try again in a minute."


def default_set_text(voice: VoiceRecord) -> str:
    return f"*{escape(voice.name)}* is now your default voice."


def deleted_text(voice: VoiceRecord) -> str:
    return f"Deleted *{escape(voice.name)}*."


# --- listeners -----------------------------------------------------------------------------
def register(app: AsyncApp, ctx: SlackContext) -> None:
    on_command(app, ctx, "/voices", show_voices)
    on_click(app, ctx, VOICE_PREVIEW, preview)
    on_click(app, ctx, VOICE_DEFAULT, make_default, replace_original=True)
    on_click(app, ctx, VOICE_DELETE, delete, replace_original=True)


async def show_voices(ctx: SlackContext, command: Command, where: PrivateReply) -> None:
    member = await ctx.members.member(command.user_id, command.team_id)
    text, listing = voices_list(await ctx.voicebot.list_voices(member))
    await where.send(text, listing)


async def refresh_list(ctx: SlackContext, member: Member, listing: PrivateReply, note: str) -> None:
    """Replace the clicked list by the new one, the outcome on top."""
    _, voices = voices_list(await ctx.voicebot.list_voices(member))
    await listing.send(note, [section(note), *voices])


async def preview(ctx: SlackContext, click: Click, where: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    found = await ctx.voicebot.preview(member, click.value)
    posted = False
    if found.audio:
        dm = await open_dm(ctx.client, member.user_id)
        await post_preview(ctx.client, dm, found.voice.name, found.audio, found.content_type)
        posted = True
    await where.send(preview_text(found.voice, found.url, posted=posted))


async def make_default(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    voice = await ctx.voicebot.make_default(member, click.value)
    await refresh_list(ctx, member, listing, default_set_text(voice))


async def delete(ctx: SlackContext, click: Click, listing: PrivateReply) -> None:
    member = await ctx.members.member(click.user_id, click.team_id)
    voice = await ctx.voicebot.delete_voice(member, click.value)
    await refresh_list(ctx, member, listing, deleted_text(voice))
