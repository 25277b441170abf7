"""Block Kit messages. Pure functions: data in, Slack JSON out."""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]

# action_ids the listeners match on
CONSENT = "clone_consent"
CONSENT_CANCEL = "clone_cancel"
VOICE_PREVIEW = "voice_preview"
VOICE_DEFAULT = "voice_default"
VOICE_DELETE = "voice_delete"
FORGET_CONFIRM = "forget_confirm"
FORGET_CANCEL = "forget_cancel"


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


def confirm_dialog(title: str, text: str, confirm: str, deny: str) -> Block:
    return {
        "title": {"type": "plain_text", "text": title},
        "text": {"type": "mrkdwn", "text": text},
        "confirm": {"type": "plain_text", "text": confirm},
        "deny": {"type": "plain_text", "text": deny},
        "style": "danger",
    }
