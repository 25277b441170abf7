"""Cloning on Discord: /clone with an attachment, the message menu "Clone this voice", voice
messages sent in DM, and the consent prompt whose click the core turns into the clone."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord import attachments
from adapters.discord.context import DiscordContext, DmContext
from adapters.discord.help import help_text
from adapters.discord.replies import audio_file, escape, view_of
from adapters.discord.services import PLATFORM
from bot.facade import AudioSource, CloneIntent, CloneResult, SourceRef
from bot.i18n import Translator
from bot.models import CloneOptions

log = logging.getLogger(__name__)

Gender = Literal["Male", "Female", "Neutral", "Unspecified"]
Button = discord.ui.Button[discord.ui.View]
_TOKEN = r"(?P<token>[A-Za-z0-9_-]{1,80})"

_PROGRESS = {
    "reading": "progress-reading",
    "converting": "progress-converting",
    "cloning": "progress-cloning",
    "preview": "progress-preview",
}


# --- texts ---------------------------------------------------------------------------------
def progress_text(t: Translator, stage: str) -> str:
    return f"⏳ {t(_PROGRESS.get(stage, 'progress-working'))}"


def consent_prompt(t: Translator, statement: str, minutes: int) -> str:
    return f"**{t('consent-title')}**\n{statement}\n\n{t('consent-instructions', minutes=minutes)}"


def clone_result(t: Translator, result: CloneResult) -> tuple[str, list[discord.File]]:
    voice = result.voice
    lines = [
        f"✅ {t('clone-ready', name=f'**{escape(voice.name)}**')}",
        t("voice-languages", languages=t.languages(voice.languages)),
    ]
    if result.preview_url:
        lines.append(t("preview-link", url=result.preview_url))
    if result.quality_tip:
        lines.append(f"💡 {t(result.quality_tip)}")
    lines.append(t("clone-next-steps"))
    files = []
    if result.preview_audio:
        files.append(audio_file(result.preview_audio, result.preview_content_type, "preview"))
    return "\n".join(lines), files


# --- the consent prompt --------------------------------------------------------------------
class ConsentButton(discord.ui.DynamicItem[Button], template=rf"vc:consent:{_TOKEN}"):
    # The label matters only when the prompt is posted; a click is dispatched by template.
    def __init__(self, token: str, label: str = "I consent, this is my voice") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.success,
                custom_id=f"vc:consent:{token}",
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ConsentButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = DiscordContext.of(interaction)
        await ctx.run_click(consent_given(ctx, self.token))


class CancelButton(discord.ui.DynamicItem[Button], template=rf"vc:cancel:{_TOKEN}"):
    """Cancel on any prompt (consent, forget-me)."""

    def __init__(self, token: str, label: str = "Cancel") -> None:
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.secondary, custom_id=f"vc:cancel:{token}"
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CancelButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = DiscordContext.of(interaction)
        await ctx.run_click(cancelled(ctx, self.token))


def consent_view(t: Translator, token: str) -> discord.ui.View:
    return view_of(
        ConsentButton(token, t("button-consent")), CancelButton(token, t("button-cancel"))
    )


async def ask_consent(
    ctx: DiscordContext,
    attachment: discord.Attachment,
    source: SourceRef,
    options: CloneOptions,
) -> None:
    ctx.services.attachments.remember(attachment)
    shown = ctx.t.consent()
    action = await ctx.voicebot.ask_consent(ctx.member, CloneIntent(source, options), shown=shown)
    prompt = consent_prompt(ctx.t, shown.text, action.minutes_to_answer)
    await ctx.reply(prompt, view=consent_view(ctx.t, action.token))


async def consent_given(ctx: DiscordContext, token: str) -> None:
    await ctx.begin_click()

    async def accepted() -> None:
        ctx.click_accepted()

    async def progress(stage: str) -> None:
        # The core shows each stage once and keeps a failed edit from failing the clone.
        await ctx.replace_prompt(progress_text(ctx.t, stage))

    async def fetch(source: SourceRef) -> AudioSource:
        found = await attachments.locate(ctx.client, ctx.services.attachments, source)
        return ctx.services.source(found)

    result = await ctx.voicebot.consent_given(token, ctx.member, fetch, progress, accepted=accepted)
    content, files = clone_result(ctx.t, result)
    await ctx.reply(content, files=files)


async def cancelled(ctx: DiscordContext, token: str) -> None:
    await ctx.begin_click()
    await ctx.voicebot.cancel(token, ctx.member)
    ctx.click_accepted()
    await ctx.replace_prompt(ctx.t("consent-cancelled"))


# --- asking ----------------------------------------------------------------------------------
@app_commands.command(name="clone", description="Clone your voice from a recording of you speaking")
@app_commands.describe(
    sample="A voice message or audio file of you speaking (10 to 30 seconds is best)",
    name="A name for the voice",
    description="A short description of the voice",
    accent='The accent, e.g. "American (US)"',
    gender="The voice's gender",
    style='Speaking styles, comma-separated, e.g. "Storytelling"',
    enhance="Remove background noise before cloning",
    transcript="What you say in the recording (improves the clone)",
)
async def clone_command(
    interaction: discord.Interaction,
    sample: discord.Attachment,
    name: app_commands.Range[str, 1, 100] | None = None,
    description: app_commands.Range[str, 1, 300] | None = None,
    accent: app_commands.Range[str, 1, 100] | None = None,
    gender: Gender | None = None,
    style: app_commands.Range[str, 1, 200] | None = None,
    enhance: bool | None = None,
    transcript: app_commands.Range[str, 1, 2000] | None = None,
) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    options = CloneOptions(
        name=name,
        description=description,
        accent=accent,
        gender=gender,
        style=style,
        enhance=enhance,
        transcript=transcript,
    )
    source = attachments.slash_source(ctx.interaction, sample)
    await ask_consent(ctx, sample, source, options)


async def clone_this_voice(interaction: discord.Interaction, message: discord.Message) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    attachment = attachments.require_audio(attachments.pick_audio(message.attachments))
    source = attachments.message_source(message, attachment)
    await ask_consent(ctx, attachment, source, CloneOptions())


clone_this_voice_menu: app_commands.ContextMenu = app_commands.ContextMenu(
    name="Clone this voice", callback=clone_this_voice
)


async def recording_in_dm(client: discord.Client, message: discord.Message) -> None:
    """A member sent the bot something in DM: a recording gets the consent prompt."""
    ctx = DmContext.of(client, message)
    try:
        await ask_consent_in_dm(ctx)
    except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for messages
        await ctx.show_error(exc)


async def ask_consent_in_dm(ctx: DmContext) -> None:
    message = ctx.message
    # Gateway resumes can replay a message: answer it once.
    if not await ctx.voicebot.first_delivery(PLATFORM, "message", str(message.id)):
        return
    if not message.attachments:
        # The first time, the whole overview (remembered until forget-me); then the short way.
        if await ctx.voicebot.welcome_once(ctx.member):
            await ctx.send(help_text(ctx.t, await ctx.voicebot.overview(ctx.member)))
        else:
            await ctx.send(ctx.t("dm-help"))
        return
    attachment = attachments.require_audio(attachments.pick_audio(message.attachments))
    ctx.services.attachments.remember(attachment)
    shown = ctx.t.consent()
    intent = CloneIntent(attachments.message_source(message, attachment), CloneOptions())
    action = await ctx.voicebot.ask_consent(ctx.member, intent, shown=shown)
    prompt = consent_prompt(ctx.t, shown.text, action.minutes_to_answer)
    await ctx.reply(prompt, view=consent_view(ctx.t, action.token))
