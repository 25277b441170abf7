"""Block Kit messages. Pure functions: data in, Slack JSON out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.errors import BotError
from bot.models import VoiceRecord

Block = dict[str, Any]

# action_ids the listeners match on
CONSENT = "clone_consent"
CONSENT_CANCEL = "clone_cancel"
VOICE_PREVIEW = "voice_preview"
VOICE_DEFAULT = "voice_default"
VOICE_DELETE = "voice_delete"
FORGET_CONFIRM = "forget_confirm"
FORGET_CANCEL = "forget_cancel"

PROGRESS_TEXT: Mapping[str, str] = {
    "reading": ":hourglass_flowing_sand: Downloading your clip…",
    "converting": ":hourglass_flowing_sand: Converting your clip…",
    "cloning": ":hourglass_flowing_sand: Cloning your voice…",
    "preview": ":hourglass_flowing_sand: Fetching a preview…",
}

HOW_TO_RECORD = (
    "I need a recording of your voice first. Open a direct message with me, press the "
    "microphone button to record an audio clip (or attach an audio file), speak clearly for "
    "10 to 30 seconds and send it. I'll then ask for your consent; or run `/clone [name]` "
    "within {minutes} minutes of sending it."
)


def escape(text: str) -> str:
    """Slack's mrkdwn escaping: user text must not turn into mentions or links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def button(
    text: str,
    action_id: str,
    value: str,
    *,
    style: str | None = None,
    confirm: Block | None = None,
) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def actions(block_id: str, *elements: Block) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


# --- errors ---------------------------------------------------------------------------
def error_text(error: BotError) -> str:
    return f":warning: {error.message}"


def error_blocks(error: BotError) -> list[Block]:
    return [section(f":warning: {escape(error.message)}")]


# --- consent and cloning --------------------------------------------------------------
def consent_prompt(
    statement: str, token: str, *, name: str | None, ttl_minutes: int
) -> tuple[str, list[Block]]:
    title = "Clone your voice from this clip"
    if name:
        title += f" as *{escape(name)}*"
    text = f"{title}? Please confirm that it is your own voice."
    return text, [
        section(f":microphone: {title}?"),
        section(f">{escape(statement)}"),
        context(f"Only you can answer. This request expires in {ttl_minutes} minutes."),
        actions(
            "consent",
            button("I consent, this is my voice", CONSENT, token, style="primary"),
            button("Cancel", CONSENT_CANCEL, token),
        ),
    ]


def consent_sent_elsewhere() -> str:
    return "I've sent you a consent prompt in our direct messages: answer it there."


def progress_text(stage: str) -> str:
    return PROGRESS_TEXT.get(stage, ":hourglass_flowing_sand: Working on it…")


def cancelled_text() -> str:
    return "Cancelled: I won't clone this clip."


def languages(voice: VoiceRecord) -> str:
    return ", ".join(voice.languages) or "detected automatically"


def clone_result(
    voice: VoiceRecord, preview_url: str | None, *, preview_posted: bool
) -> tuple[str, list[Block]]:
    text = f":white_check_mark: Your voice {voice.name} is ready."
    lines = [
        f":white_check_mark: Your voice *{escape(voice.name)}* is ready.",
        f"Languages: {escape(languages(voice))}",
    ]
    if preview_url:
        lines.append(f"Preview: <{preview_url}|listen to it>")
    elif preview_posted:
        lines.append("Preview: posted below.")
    else:
        lines.append("The preview isn't ready yet: try `/voices` → Preview in a minute.")
    lines.append("Use it with `/say your text`; manage your voices with `/voices`.")
    return text, [section("\n".join(lines))]


# --- voices ---------------------------------------------------------------------------
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


def confirm_dialog(title: str, text: str, confirm: str) -> Block:
    return {
        "title": {"type": "plain_text", "text": title},
        "text": {"type": "mrkdwn", "text": text},
        "confirm": {"type": "plain_text", "text": confirm},
        "deny": {"type": "plain_text", "text": "Keep it"},
        "style": "danger",
    }


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


# --- say ------------------------------------------------------------------------------
def say_sent_to_dm() -> str:
    return (
        "I can't post in this channel (invite me to it first), so I've sent the audio to our "
        "direct messages."
    )


# --- forget-me ------------------------------------------------------------------------
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


# --- admin settings -------------------------------------------------------------------
def settings_text(values: Mapping[str, Any], *, changed: str | None = None) -> str:
    lines = [f"Updated *{escape(changed)}*." if changed else "*Voice-clone settings here*"]
    for key, value in values.items():
        lines.append(f"• `{key}`: {format_value(value)}")
    lines.append("Change one with `/clone-settings <key> <value>`.")
    return "\n".join(lines)


def format_value(value: Any) -> str:
    """A setting as mrkdwn (escaped; member ids as mentions)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None:
        return "none"
    if isinstance(value, tuple | list):
        return ", ".join(f"<@{escape(str(item))}>" for item in value) if value else "anyone"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape(str(value))
