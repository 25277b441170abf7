"""Everything the Discord adapter says: errors (in exactly one place) and results."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from adapters.discord.services import services_of
from bot.clone import CloneResult
from bot.errors import BotError, InternalError, NotAllowed
from bot.forget import ForgetReport
from bot.models import CommunitySettings, VoiceRecord
from bot.preview import Preview
from bot.service import VoiceBot

log = logging.getLogger(__name__)

#: Replies echo user text (names, /say text): never let them ping anyone.
NO_MENTIONS = discord.AllowedMentions.none()
#: Set in ``interaction.extras`` once the reply message is the place where errors belong
#: (a deferred command's "thinking…" message, a consent prompt whose click was accepted).
ERRORS_REPLACE_REPLY = "errors_replace_reply"
#: The reply is public: an error removes it and goes to the member alone.
ERRORS_DROP_REPLY = "errors_drop_reply"

_PROGRESS = {
    "reading": "⏳ Downloading your recording…",
    "converting": "⏳ Converting the audio…",
    "cloning": "⏳ Cloning your voice, this takes a few seconds…",
    "preview": "⏳ Fetching a preview…",
}
_AUDIO_SUFFIX = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
}


# --- errors ------------------------------------------------------------------------------
def _unwrap(exc: BaseException) -> BaseException:
    if isinstance(exc, app_commands.CommandInvokeError):
        return _unwrap(exc.original)
    if isinstance(exc, app_commands.NoPrivateMessage):
        return NotAllowed("That works only in a server.")
    if isinstance(exc, app_commands.CheckFailure):
        return NotAllowed()
    if isinstance(exc, app_commands.TransformerError) and isinstance(exc.__cause__, BotError):
        return exc.__cause__
    return exc


def error_text(voicebot: VoiceBot, exc: BaseException) -> str:
    """The message for ``exc``, with its stable code in small text. Unknown errors are logged
    by the core with a reference id, which the message carries."""
    error = voicebot.describe_error(_unwrap(exc))
    note = error.code
    if isinstance(error, InternalError):
        note = f"{error.code} · reference {error.reference}"
    return f"{error.message}\n-# {note}"


async def show_error(interaction: discord.Interaction, exc: BaseException) -> None:
    """The one way an error reaches a member who clicked or ran a command."""
    text = error_text(services_of(interaction.client).voicebot, exc)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_REPLACE_REPLY):
            await interaction.edit_original_response(
                content=text, view=None, attachments=[], allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_DROP_REPLY):
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            await interaction.delete_original_response()
        else:
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning(
            "could not show error to user %s (interaction %s): %s",
            interaction.user.id,
            interaction.id,
            delivery.status,
        )


async def show_error_in_channel(
    voicebot: VoiceBot, channel: discord.abc.Messageable, exc: BaseException
) -> None:
    """The same, for a message the member sent (a DM): answer in that channel."""
    text = error_text(voicebot, exc)
    try:
        await channel.send(text, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning("could not show error in channel: %s", delivery.status)


# --- results -----------------------------------------------------------------------------
def progress_text(stage: str) -> str:
    return _PROGRESS.get(stage, "⏳ Working on it…")


def consent_prompt(voicebot: VoiceBot) -> str:
    minutes = max(1, voicebot.settings.consent_ttl_seconds // 60)
    return (
        "**Before I clone this voice**\n"
        f"{voicebot.consent_statement}\n\n"
        "Press **I consent, this is my voice** to go ahead, or **Cancel**. Nothing is sent "
        f"anywhere before you press it. This request expires in {minutes} minutes."
    )


def audio_file(audio: bytes, content_type: str | None, stem: str) -> discord.File:
    suffix = _AUDIO_SUFFIX.get((content_type or "").split(";")[0].strip().lower(), "mp3")
    return discord.File(io.BytesIO(audio), filename=f"{stem}.{suffix}")


def _languages(voice: VoiceRecord) -> str:
    return ", ".join(voice.languages) if voice.languages else "not detected yet"


def clone_result(result: CloneResult) -> tuple[str, list[discord.File]]:
    voice = result.voice
    lines = [
        f"✅ Your voice **{discord.utils.escape_markdown(voice.name)}** is ready.",
        f"Languages: {_languages(voice)}",
    ]
    if result.preview_url:
        lines.append(f"Preview: {result.preview_url}")
    lines.append("Use it with /say; manage it with /voices.")
    files = []
    if result.preview_audio:
        files.append(audio_file(result.preview_audio, result.preview_content_type, "preview"))
    return "\n".join(lines), files


def preview_message(preview: Preview) -> tuple[str, list[discord.File]]:
    voice = preview.voice
    lines = [f"🔊 **{discord.utils.escape_markdown(voice.name)}** ({_languages(voice)})"]
    if preview.url:
        lines.append(f"Preview: {preview.url}")
    elif not preview.audio:
        lines.append("The preview isn't ready yet: try again in a moment.")
    files = []
    if preview.audio:
        files.append(audio_file(preview.audio, preview.content_type, "preview"))
    return "\n".join(lines), files


def voice_line(voice: VoiceRecord) -> str:
    star = " ⭐ default" if voice.is_default else ""
    name = discord.utils.escape_markdown(voice.name)
    return f"• **{name}**{star} ({_languages(voice)})"


MAX_LIST_CHARS = 1900


def voices_text(voices: Sequence[VoiceRecord]) -> str:
    if not voices:
        return (
            "You have no cloned voice yet. Use /clone with a recording of you speaking, or send "
            "me a voice message in a direct message."
        )
    lines = ["**Your voices**"]
    for shown, voice in enumerate(voices):
        line = voice_line(voice)
        # Discord messages hold 2,000 characters.
        if sum(len(x) + 1 for x in lines) + len(line) > MAX_LIST_CHARS:
            lines.append(f"…and {len(voices) - shown} more.")
            break
        lines.append(line)
    return "\n".join(lines)


def settings_text(rules: CommunitySettings) -> str:
    role = f"<@&{rules.required_role}>" if rules.required_role else "none"

    def on_off(value: bool) -> str:
        return "on" if value else "off"

    return "\n".join(
        [
            "**Voice clone settings for this server**",
            f"Cloning: {on_off(rules.clone_enabled)}",
            f"/say: {on_off(rules.say_enabled)}",
            f"Required role: {role}",
            f"Voices per member: {rules.voices_per_member}",
            f"Cooldown between clones: {rules.cooldown_seconds:g} s",
            f"Max /say length: {rules.max_say_chars} characters",
        ]
    )


def forget_text(report: ForgetReport) -> str:
    counts = report.counts
    return (
        "🧹 Done: everything about you is erased "
        f"({len(report.voice_ids)} voice(s) deleted at the voice service, "
        f"{counts.requests} request(s), {counts.consents} consent record(s) and "
        f"{counts.pending} pending click(s) removed)."
    )


FORGET_PROMPT = (
    "**Erase everything about you?**\n"
    "This deletes all your cloned voices at the voice service and every record this bot keeps "
    "about you. It can't be undone."
)
CANCELLED = "Cancelled: nothing was sent or changed."
DM_HELP = (
    "Send me a voice message (or an audio file) of you speaking, 10 to 30 seconds, and I'll "
    "clone your voice after you confirm. In a server, use /clone or 'Clone this voice' on your "
    "own voice message."
)
