"""Reading a chat message aloud: the text as it is spoken (the full table grows with the
reading feature)."""

from __future__ import annotations

from bot.i18n import messages_for
from bot.reading.rules import ChatMessage, ReadingRules
from bot.reading.text import reading_text


def test_a_mention_is_read_as_the_name_and_nothing_speakable_is_none() -> None:
    t = messages_for("en")
    message = ChatMessage("hi <@123>", names={"<@123>": "Alice"})
    assert reading_text(message, ReadingRules(), t) == "hi Alice"
    assert reading_text(ChatMessage("<@123>"), ReadingRules(), t) is None
