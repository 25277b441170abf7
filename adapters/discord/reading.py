"""Reading members' messages aloud on Discord: ``/read on|off|status``, and each guild message
handed to the core with what only Discord knows (mentions as names, attachments, who is in
which voice channel). The core decides what is read (bot/reading/service.py).

Message text is never stored and never logged here: logs carry reasons and counts only.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext
from adapters.discord.members import member_from_message
from adapters.discord.replies import escape
from adapters.discord.services import PLATFORM, services_of
from adapters.discord.voice_channel_commands import busy_elsewhere, listening_channel, playback_of
from adapters.discord.voices import voice_autocomplete
from bot.facade import ChatMessage, Incoming, request_context
from bot.models import Member

log = logging.getLogger(__name__)

#: Message types a member writes; everything else (joins, pins, boosts...) is never read.
_MEMBER_MESSAGES = frozenset({discord.MessageType.default, discord.MessageType.reply})

read_group = app_commands.Group(
    name="read", description="Read your messages aloud in your cloned voice", guild_only=True
)


def can_read_messages(client: discord.Client) -> bool:
    """Discord sends guild messages' text only with the Message Content intent, which the
    operator enables in the developer portal and with DISCORD_MESSAGE_CONTENT=true."""
    return (
        bool(client.intents.message_content)
        and services_of(client).settings.discord_message_content
    )


@read_group.command(name="on", description="Read my messages aloud in the voice channel I am in")
@app_commands.describe(voice="Which of your voices (your default if left out)")
@app_commands.autocomplete(voice=voice_autocomplete)
async def read_on_command(interaction: discord.Interaction, voice: str | None = None) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    t = ctx.t
    chosen = await ctx.voicebot.read_on(
        ctx.member, voice, t.locale, can_read_messages=can_read_messages(ctx.client)
    )
    name = escape(chosen.name)
    channel = listening_channel(ctx) if ctx.settings.voice_enabled else None
    if channel is None:
        await ctx.reply(t("read-on-elsewhere", voice=name))
        return
    playback = playback_of(ctx.client)
    guild_voice = playback.guild(channel.guild.id)
    if busy_elsewhere(ctx, channel):
        await ctx.reply(t("read-on-busy", voice=name))
        return
    queue = playback.queue(channel.guild.id)
    try:
        await guild_voice.join(channel)
    except BaseException:
        await queue.close("could not join")
        raise
    # Joined with nothing to say yet: it leaves again when nobody writes.
    queue.start_idle_timer()
    await ctx.reply(t("read-on-joined", voice=name, channel=channel.mention))


@read_group.command(name="off", description="Stop reading my messages aloud")
async def read_off_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    was_on = await ctx.voicebot.read_off(ctx.member)
    await ctx.reply(ctx.t("read-off-done" if was_on else "read-off-already"))


@read_group.command(name="status", description="Is reading my messages aloud on?")
async def read_status_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    status = await ctx.voicebot.read_status(ctx.member)
    if status.reader is None or status.voice is None:
        await ctx.reply(ctx.t("read-status-off"))
        return
    await ctx.reply(ctx.t("read-status-on", voice=escape(status.voice.name)))


# --- messages ------------------------------------------------------------------------------------
def chat_message(message: discord.Message) -> ChatMessage:
    """The message as the core reads it: each mention token with the name it stands for."""
    names: dict[str, str] = {}
    for user in message.mentions:
        names[f"<@{user.id}>"] = names[f"<@!{user.id}>"] = user.display_name
    for role in message.role_mentions:
        names[f"<@&{role.id}>"] = role.name
    for channel in message.channel_mentions:
        names[f"<#{channel.id}>"] = channel.name
    images = sum(1 for a in message.attachments if (a.content_type or "").startswith("image/"))
    return ChatMessage(
        text=message.content,
        names=names,
        images=images,
        files=len(message.attachments) - images,
        stickers=tuple(sticker.name for sticker in message.stickers),
        forwarded=bool(getattr(message, "message_snapshots", None)),
    )


def _voice_channel_of(guild: discord.Guild, user_id: int) -> int | None:
    state = guild._voice_state_for(user_id)
    channel = state.channel if state is not None else None
    return channel.id if channel is not None else None


async def read_message(client: discord.Client, message: discord.Message) -> None:
    """A guild message: read aloud when the core's rules allow. Never raises."""
    guild = message.guild
    if guild is None or message.type not in _MEMBER_MESSAGES:
        return
    playback = playback_of(client)
    bot_channel = playback.guild(guild.id).channel_id
    if bot_channel is None:
        return  # not in a voice channel here: nothing is read (cheap, no database)
    with request_context(PLATFORM, "read"):
        try:
            incoming = Incoming(
                chat=chat_message(message),
                author_name=message.author.display_name,
                channel_id=str(message.channel.id),
                author_voice_channel_id=_str(_voice_channel_of(guild, message.author.id)),
                bot_voice_channel_id=str(bot_channel),
                from_bot=message.author.bot or message.webhook_id is not None,
                silent=message.flags.suppress_notifications,
            )
            voicebot = services_of(client).voicebot
            outcome = await voicebot.read_message(
                member_from_message(message), incoming, playback.queue(guild.id)
            )
            log.debug("reading: %s", outcome.reason)
        except Exception as exc:  # noqa: BLE001 - a message must never break the client
            # The exception's class only: its text could quote the message.
            log.warning("reading: a message could not be read (%s)", type(exc).__name__)


async def member_moved(
    client: discord.Client,
    member: discord.Member,
    before: discord.VoiceState,
    after: discord.VoiceState,
) -> None:
    """A reader who leaves the bot's voice channel stays opted in; what waits of theirs goes."""
    if member.bot or before.channel is None:
        return
    if after.channel is not None and after.channel.id == before.channel.id:
        return
    if playback_of(client).guild(member.guild.id).channel_id != before.channel.id:
        return
    who = Member(platform=PLATFORM, user_id=str(member.id), community_id=str(member.guild.id))
    dropped = await services_of(client).voicebot.reader_left(who)
    if dropped:
        log.info("reading: a reader left the channel; %d message(s) dropped", dropped)


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)
