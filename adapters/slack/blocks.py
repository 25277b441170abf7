"""Block Kit messages, built with ``slack_sdk.models``: data in, blocks out.

Every block is validated when it is built (``validate_json``), so a text over one of Slack's
limits (3000 characters a section, 75 a button, 300 a confirmation...) fails here, by name,
instead of as ``invalid_blocks`` from Slack after the member waited.
"""

from __future__ import annotations

from typing import TypeVar

from slack_sdk.models.basic_objects import JsonObject
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

__all__ = [
    "CONSENT",
    "CONSENT_CANCEL",
    "FORGET_ASK",
    "FORGET_CANCEL",
    "FORGET_CONFIRM",
    "MAX_MESSAGE_BLOCKS",
    "MY_DATA",
    "VOICE_DEFAULT",
    "VOICE_DELETE",
    "VOICE_PREVIEW",
    "Block",
    "actions",
    "button",
    "confirm_dialog",
    "context",
    "escape",
    "section",
]

# action_ids the listeners match on
CONSENT = "clone_consent"
CONSENT_CANCEL = "clone_cancel"
VOICE_PREVIEW = "voice_preview"
VOICE_DEFAULT = "voice_default"
VOICE_DELETE = "voice_delete"
FORGET_CONFIRM = "forget_confirm"
FORGET_CANCEL = "forget_cancel"
#: The Home tab's buttons: "Download my data" and "Forget me" (asks the usual confirmation).
MY_DATA = "my_data"
FORGET_ASK = "forget_ask"

#: Slack takes at most this many blocks in one message (the SDK checks only views).
MAX_MESSAGE_BLOCKS = 50

_Checked = TypeVar("_Checked", bound=JsonObject)


def _valid(item: _Checked) -> _Checked:
    item.validate_json()
    return item


def escape(text: str) -> str:
    """Slack's mrkdwn escaping: user text must not turn into mentions or links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> SectionBlock:
    return _valid(SectionBlock(text=MarkdownTextObject(text=text)))


def context(text: str) -> ContextBlock:
    return _valid(ContextBlock(elements=[MarkdownTextObject(text=text)]))


def button(
    text: str,
    action_id: str,
    value: str,
    *,
    style: str | None = None,
    confirm: ConfirmObject | None = None,
) -> ButtonElement:
    return _valid(
        ButtonElement(
            text=PlainTextObject(text=text, emoji=True),
            action_id=action_id,
            value=value,
            style=style,
            confirm=confirm,
        )
    )


def actions(block_id: str, *elements: ButtonElement) -> ActionsBlock:
    return _valid(ActionsBlock(block_id=block_id, elements=list(elements)))


def confirm_dialog(title: str, text: str, confirm: str, deny: str) -> ConfirmObject:
    return _valid(
        ConfirmObject(
            title=PlainTextObject(text=title),
            text=MarkdownTextObject(text=text),
            confirm=PlainTextObject(text=confirm),
            deny=PlainTextObject(text=deny),
            style="danger",
        )
    )
