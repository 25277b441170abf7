"""``/say`` into the member's voice channel, ``/voice-stop`` and ``/voice-skip``."""

from __future__ import annotations

import logging
import time
from typing import Any

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext
from adapters.discord.replies import NO_MENTIONS, escape
from adapters.discord.voice_playback import VoicePlayback
from bot.errors import Busy, NotAllowed
from bot.facade import VoiceChannelQueue

log = logging.getLogger(__name__)


def playback_of(client: discord.Client) -> VoicePlayback:
    playback = getattr(client, "voice_playback", None)
    if not isinstance(playback, VoicePlayback):
        raise RuntimeError("this client has no voice playback (adapters/discord/client.py)")
    return playback


def listening_channel(
    ctx: DiscordContext,
) -> discord.VoiceChannel | discord.StageChannel | None:
    """The voice channel the member is in, when the bot may Connect and Speak there."""
    guild = ctx.interaction.guild
    user = ctx.interaction.user
    if guild is None or not isinstance(user, discord.Member):
        return None
    state = guild._voice_state_for(user.id)
    channel = state.channel if state is not None else None
    if not isinstance(channel, discord.VoiceChannel):
        return None  # stage channels need speaker requests: not for a TTS bot
    me = guild.me
    if me is None:
        return None
    allowed = channel.permissions_for(me)
    if not (allowed.connect and allowed.speak):
        return None
    return channel


def busy_elsewhere(
    ctx: DiscordContext, channel: discord.VoiceChannel | discord.StageChannel
) -> bool:
    """True when the bot speaks for others in another channel of this server (the core's
    queue rule); where the bot is joining counts as where it is."""
    speaking_in = playback_of(ctx.client).guild(channel.guild.id).target_channel_id
    try:
        ctx.voicebot.check_can_join_voice(
            str(channel.guild.id),
            str(channel.id),
            speaking_in=str(speaking_in) if speaking_in is not None else None,
        )
    except Busy:
        return True
    return False


async def say_in_voice_channel(ctx: DiscordContext, text: str, voice: str | None) -> bool:
    """The /say hook: speak in the member's voice channel when there is one the bot may use.
    False leaves /say to answer with audio as usual."""
    requested_at = time.perf_counter()
    if not ctx.settings.voice_enabled or ctx.guild_id is None:
        return False
    channel = listening_channel(ctx)
    if channel is None:
        return False
    playback = playback_of(ctx.client)
    guild_voice = playback.guild(channel.guild.id)
    if busy_elsewhere(ctx, channel):
        return False  # the bot speaks for others in another channel of this server
    queue = playback.queue(channel.guild.id)
    # An error after the answer: the public reply stays, the member alone sees why it stopped.
    queued = await ctx.voicebot.say_in_voice(
        ctx.member, text, voice, queue, notify=ctx.show_error_privately, requested_at=requested_at
    )
    try:
        await guild_voice.join(channel)
    except BaseException:
        await queue.close("could not join")
        raise
    t = ctx.t
    label = queued.utterance.speech.label(escape(ctx.display_name), escape, messages=t)
    where = (
        t("voice-speaking-in", channel=channel.mention)
        if queued.position == 0
        else t("voice-queued-in", channel=channel.mention, position=queued.position)
    )
    # The label goes where the listeners read: the voice channel's own chat. The reply
    # carries it when it is that chat already, or when the bot may not post there.
    if ctx.interaction.channel_id != channel.id and await post_label(channel, label):
        await ctx.reply(where)
    else:
        await ctx.reply(f"{label}\n-# {where}")
    return True


async def post_label(channel: discord.VoiceChannel | discord.StageChannel, label: str) -> bool:
    """Post ``label`` in the voice channel's text chat, which everyone in the channel can
    read. False where the bot may not (no View Channel or Send Messages there, or refused)."""
    me = channel.guild.me
    allowed = channel.permissions_for(me)
    if not (allowed.view_channel and allowed.send_messages):
        return False
    try:
        await channel.send(label, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.info("voice: label refused in the voice channel's chat (%s %s)", exc.status, exc.code)
        return False
    return True


def _moderator(ctx: DiscordContext) -> bool:
    """Move Members in the voice channel the bot speaks in: the one whose listeners a stop
    or skip affects, not the one where the command was typed."""
    guild = ctx.interaction.guild
    user = ctx.interaction.user
    if guild is None or not isinstance(user, discord.Member):
        return False
    channel = playback_of(ctx.client).guild(guild.id).channel
    return channel is not None and channel.permissions_for(user).move_members


def _queue_here(ctx: DiscordContext) -> tuple[int, VoiceChannelQueue | None]:
    guild_id = ctx.guild_id
    if guild_id is None:  # guild_only: Discord doesn't offer these commands in DMs
        raise NotAllowed("That works only in a server.", key="error-server-only")
    return guild_id, ctx.voicebot.voice_queue(str(guild_id))


@app_commands.command(name="voice-stop", description="Stop speaking and leave the voice channel")
@app_commands.guild_only()
async def voice_stop_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    guild_id, queue = _queue_here(ctx)
    guild_voice = playback_of(ctx.client).guild(guild_id)
    if queue is None and guild_voice.target_channel_id is None:
        await guild_voice.leave("stopped")  # whatever half-made connection discord.py kept
        await ctx.reply(ctx.t("voice-not-speaking"))
        return
    if queue is None:
        # In a channel with nothing queued: the queue's rule still says who may stop it.
        queue = playback_of(ctx.client).queue(guild_id)
        try:
            dropped = await queue.stop(ctx.member, moderator=_moderator(ctx))
        finally:
            await queue.close("nothing queued")  # an empty queue is no state to keep
    else:
        dropped = await queue.stop(ctx.member, moderator=_moderator(ctx))
    await ctx.reply(ctx.t("voice-stopped", dropped=dropped))


@app_commands.command(name="voice-skip", description="Skip what the bot is saying now")
@app_commands.guild_only()
async def voice_skip_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    _guild_id, queue = _queue_here(ctx)
    skipped = queue.skip(ctx.member, moderator=_moderator(ctx)) if queue else None
    t = ctx.t
    await ctx.reply(t("voice-skipped") if skipped is not None else t("voice-nothing-playing"))


VOICE_CHANNEL_COMMANDS: tuple[app_commands.Command[Any, ..., Any], ...] = (
    voice_stop_command,
    voice_skip_command,
)
