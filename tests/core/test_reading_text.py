"""Reading a chat message aloud: the text as it is spoken, for real-looking messages.

Each row is one message as a member would type it in a voice channel's chat, what the
platform resolved (mention names, attachments), the community's rules, the member's language,
and the exact words the bot sends to the API (None: nothing is read).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from bot.i18n import LANGUAGES, messages_for
from bot.reading.rules import ChatMessage, ReadingRules
from bot.reading.text import MAX_EMOJI, cut_at_word, reading_text
from bot.speech.text import pause_seconds, sanitise, spoken_length

NAMES = {
    "<@111>": "Alice",
    "<@222>": "Bob the Builder",
    "<@&333>": "Moderators",
    "<#444>": "general",
    "<#555>": "Gaming Lounge",
}


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expected: str | None
    locale: str = "en"
    rules: ReadingRules = field(default_factory=ReadingRules)
    images: int = 0
    files: int = 0
    stickers: tuple[str, ...] = ()
    forwarded: bool = False


OFF = ReadingRules(emoji="off")
CAP10 = ReadingRules(max_chars=10)
JOY = "face with tears of joy"

CASES = [
    # --- plain chat -------------------------------------------------------------------------
    Case("plain", "hey everyone, gg", "hey everyone, gg"),
    Case("question", "anyone up for ranked?", "anyone up for ranked?"),
    Case("newlines-collapse", "brb\nfood is here\n\nback in 5", "brb food is here back in 5"),
    Case("leading-trailing-space", "   ok   ", "ok"),
    Case("accents-kept", "ça va, Zoë?", "ça va, Zoë?"),
    Case("nfc", "cafe\u0301", "café"),
    Case("numbers-kept", "score was 100000 to 3", "score was 100000 to 3"),
    Case("only-punctuation", "...", None),
    Case("only-question-marks", "???", None),
    Case("empty", "", None),
    Case("only-spaces", "   \n  ", None),
    Case("control-characters", "hi\x00\x07 there", "hi there"),
    # --- names, not ids ---------------------------------------------------------------------
    Case("user-mention", "<@111> you there?", "Alice you there?"),
    Case("nickname-mention", "thanks <@!222>", "thanks Bob the Builder"),
    Case("role-mention", "ping <@&333> pls", "ping Moderators pls"),
    Case("channel-mention", "move to <#555>", "move to Gaming Lounge"),
    Case("two-mentions", "<@111> and <@222> queue up", "Alice and Bob the Builder queue up"),
    Case("unknown-mention-dropped", "hi <@999999999999>", "hi"),
    Case("unknown-role-dropped", "<@&987654321> meeting now", "meeting now"),
    Case("only-mention", "<@111>", "Alice"),
    Case("only-unknown-mention", "<@42>", None),
    Case("everyone-not-read", "@everyone raid tonight", "raid tonight"),
    Case("here-not-read", "@here who wants to play", "who wants to play"),
    Case("only-everyone", "@everyone", None),
    Case("mention-glued", "gg<@111>!", "gg Alice !"),
    # --- custom emoji -----------------------------------------------------------------------
    Case("custom-emoji", "nice <:pog:123456789012345678>", "nice pog"),
    Case("animated-emoji", "<a:catjam:99887766> vibing", "catjam vibing"),
    Case("custom-emoji-underscores", "<:pepe_laugh:1>", "pepe laugh"),
    Case("custom-emoji-at-most-three", "<:a1:1><:b2:2><:c3:3><:d4:4><:e5:5>", "a1 b2 c3"),
    Case("custom-emoji-off-still-named", "lol <:kekw:1>", "lol kekw", rules=OFF),
    # --- Unicode emoji ----------------------------------------------------------------------
    Case("unicode-emoji-named", "gg 👍", "gg thumbs up"),
    Case("skin-tone-left-out", "👍🏽 sure", "thumbs up sure"),
    Case("heart-with-variation-selector", "love it ❤️", "love it red heart"),
    Case("flag", "🇩🇪 wins", "Germany wins"),
    Case("emoji-at-most-three", "🎉🔥💯😎🚀", "party popper fire hundred points"),
    Case(
        "emoji-repeated",
        "😂😂😂😂😂😂",
        f"{JOY} {JOY} {JOY}",
    ),
    Case("emoji-off", "gg 👍🔥", "gg", rules=OFF),
    Case("emoji-off-only-emoji", "🔥🔥", None, rules=OFF),
    Case("emoji-german", "gut 👍", "gut daumen hoch", locale="de"),
    Case("emoji-spanish", "vale 👍", "vale pulgar hacia arriba", locale="es"),
    Case("emoji-french", "ok ❤️", "ok cœur rouge", locale="fr"),
    Case("emoji-italian", "dai 🇩🇪", "dai bandiera germania", locale="it"),
    # --- links ------------------------------------------------------------------------------
    Case("link", "check https://example.com/watch?v=abc123", "check a link to example.com"),
    Case(
        "link-www-dropped",
        "https://www.youtube.com/watch?v=dQw4w9 lol",
        "a link to youtube.com lol",
    ),
    Case("bare-www-link", "go to www.reddit.com/r/games", "go to a link to reddit.com"),
    Case("link-with-port-and-caps", "HTTP://Example.COM:8080/x", "a link to example.com"),
    Case("two-links", "https://a.io and https://b.dev", "a link to a.io and a link to b.dev"),
    Case("masked-link", "read [patch notes](https://game.com/p/1.2)", "read patch notes"),
    Case("masked-link-angle", "[docs](<https://docs.python.org/3/>) ftw", "docs ftw"),
    Case("link-german", "schau https://example.com", "schau ein Link zu example.com", locale="de"),
    Case(
        "link-french",
        "regarde https://example.com",
        "regarde un lien vers example.com",
        locale="fr",
    ),
    Case("slack-link-label", "see <https://example.com/x|the doc>", "see the doc"),
    Case("slack-link-bare", "see <https://example.com/x>", "see a link to example.com"),
    Case("mailto", "<mailto:a@b.com>", "a link"),
    # --- code and spoilers ------------------------------------------------------------------
    Case("code-block", "try this:\n```py\nprint('hi')\n```", "try this: a code block"),
    Case("code-block-with-mentions-not-read", "```<@111> https://x.com```", "a code block"),
    Case("inline-code", "run `pip install bot` first", "run pip install bot first"),
    Case(
        "inline-code-double",
        "type ``a`b`` now",
        "type a b now",
    ),
    Case("spoiler", "the ending: ||he dies||", "the ending: a spoiler"),
    Case("spoiler-never-read", "||<@111> is the traitor||", "a spoiler"),
    Case("two-spoilers", "||a|| and ||b||", "a spoiler and a spoiler"),
    Case("spoiler-italian", "finale: ||muore||", "finale: uno spoiler", locale="it"),
    Case("code-block-spanish", "```x```", "un bloque de código", locale="es"),
    # --- markdown ---------------------------------------------------------------------------
    Case("bold-italic", "**this** is *so* __good__ ~~bad~~", "this is so good bad"),
    Case("underscore-italic", "_really_ nice", "really nice"),
    Case("snake-case-kept", "my_var_name is wrong", "my_var_name is wrong"),
    Case("heading", "# Big news\nwe won", "Big news we won"),
    Case("subtext", "-# tiny text", "tiny text"),
    Case("quote", "> you said this\nno I did not", "you said this no I did not"),
    Case("list", "- eggs\n- milk", "eggs milk"),
    Case("math-star-kept", "2 * 3 = 6", "2 * 3 = 6"),
    # --- repeats ----------------------------------------------------------------------------
    Case("repeated-letters", "nooooooooo", "nooo"),
    Case("repeated-exclamation", "gg!!!!!!!", "gg!!!"),
    Case("three-kept", "yesss", "yesss"),
    Case("repeated-word-letters", "hahahaha lmaooooo", "hahahaha lmaooo"),
    # --- API markup -------------------------------------------------------------------------
    Case("break-passes", "wait<break time='500ms'/>now", "wait<break time='500ms'/>now"),
    Case("break-clamped", "a <break time='9999s'/> b", "a <break time='1200ms'/> b"),
    Case("digits", "call <digits>8675309</digits>", "call <digits>8675309</digits>"),
    Case("phonemes", "<phonemes>həˈloʊ</phonemes> all", "<phonemes>həˈloʊ</phonemes> all"),
    Case("html-dropped", "<b>bold</b> <script>x</script>", "bold x"),
    Case("only-break", "<break time='1s'/>", None),
    # --- attachments, stickers, forwards ----------------------------------------------------
    Case("image-only", "", "sent an image", images=1),
    Case("images-with-text", "look at this", "look at this. sent 3 images", images=3),
    Case("file", "", "sent a file", files=1),
    Case("files-and-image", "logs", "logs. sent an image. sent 2 files", images=1, files=2),
    Case("sticker", "", "sent a sticker: Wave Hello", stickers=("Wave Hello",)),
    Case("sticker-name-cleaned", "", "sent a sticker: hi", stickers=("<b>hi</b>",)),
    Case("sticker-no-name", "", "sent a sticker", stickers=("<@1>",)),
    Case("forwarded", "", "forwarded a message", forwarded=True),
    Case("forwarded-with-text", "read this", "forwarded a message. read this", forwarded=True),
    Case("image-german", "", "hat ein Bild geschickt", locale="de", images=1),
    Case("files-french", "", "a envoyé 2 fichiers", locale="fr", files=2),
    Case("sticker-spanish", "", "envió un sticker: Hola", locale="es", stickers=("Hola",)),
    Case("forwarded-italian", "", "ha inoltrato un messaggio", locale="it", forwarded=True),
    Case("question-then-image", "what is this?", "what is this? sent an image", images=1),
    # --- length -----------------------------------------------------------------------------
    Case("cut-at-word", "one two three four", "one two and more", rules=CAP10),
    Case("cut-exactly-fits", "one two three", "one two three", rules=ReadingRules(max_chars=13)),
    Case(
        "cut-german",
        "eins zwei drei vier",
        "eins zwei und so weiter",
        locale="de",
        rules=CAP10,
    ),
    Case(
        "cut-long-word",
        "abcdefghijklmnopqrstuvwxyz",
        "abcdefghij and more",
        rules=CAP10,
    ),
    Case(
        "cut-then-image",
        "one two three four",
        "one two and more. sent an image",
        rules=CAP10,
        images=1,
    ),
    Case(
        "markup-does-not-count",
        "hi<break time='500ms'/>there you",
        "hi<break time='500ms'/>there and more",
        rules=ReadingRules(max_chars=8),
    ),
    Case(
        "cut-closes-digits",
        "call <digits>1234 5678</digits> now",
        "call <digits>1234</digits> and more",
        rules=ReadingRules(max_chars=12),
    ),
]


def message_of(case: Case) -> ChatMessage:
    return ChatMessage(
        case.text,
        names=NAMES,
        images=case.images,
        files=case.files,
        stickers=case.stickers,
        forwarded=case.forwarded,
    )


def test_the_table_is_big_and_ids_are_unique() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
    assert {case.locale for case in CASES} == set(LANGUAGES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_message_is_read_as_expected(case: Case) -> None:
    spoken = reading_text(message_of(case), case.rules, messages_for(case.locale))
    assert spoken == case.expected


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_no_id_or_url_is_ever_read(case: Case) -> None:
    spoken = reading_text(message_of(case), case.rules, messages_for(case.locale)) or ""
    for forbidden in ("111", "222", "333", "444", "555", "http", "://", "<@", "<#", "<:", "||"):
        assert forbidden not in spoken, (case.id, forbidden)


def test_a_mention_is_read_as_the_name_and_nothing_speakable_is_none() -> None:
    t = messages_for("en")
    message = ChatMessage("hi <@123>", names={"<@123>": "Alice"})
    assert reading_text(message, ReadingRules(), t) == "hi Alice"
    assert reading_text(ChatMessage("<@123>"), ReadingRules(), t) is None


def test_a_display_name_is_cleaned_like_text() -> None:
    """A member can name themselves anything: their name is never markup, a pause or a
    broadcast."""
    names = {"<@1>": "@everyone <break time='9s'/>Eve <@2>"}
    spoken = reading_text(ChatMessage("hi <@1>", names=names), ReadingRules(), messages_for("en"))
    assert spoken == "hi Eve"


def test_the_cap_holds_for_long_messages_and_and_more_is_outside_it() -> None:
    t = messages_for("en")
    text = " ".join(f"word{i}" for i in range(200))
    for cap in (20, 57, 300):
        spoken = reading_text(ChatMessage(text), ReadingRules(max_chars=cap), t)
        assert spoken is not None and spoken.endswith(" and more")
        kept = spoken.removesuffix(" and more")
        assert spoken_length(kept) <= cap
        assert text.startswith(kept) and text[len(kept)] == " "


def test_pauses_stay_within_say_s_limits_after_the_cut() -> None:
    text = "<break time='5s'/>a " * 50
    spoken = reading_text(ChatMessage(text), ReadingRules(max_chars=20), messages_for("en"))
    assert spoken is not None
    assert pause_seconds(spoken) == pytest.approx(1.2 * 10)
    assert "5s" not in spoken


def test_cut_at_word_never_cuts_a_tag() -> None:
    text = "ab <break time='500ms'/> cd ef"
    assert cut_at_word(text, 4) == "ab <break time='500ms'/>"
    assert cut_at_word(text, 100) == text


def test_every_language_says_every_phrase_in_its_own_words() -> None:
    message = ChatMessage(
        "```x``` ||y|| https://example.com", images=1, files=1, stickers=("S",), forwarded=True
    )
    english = reading_text(message, ReadingRules(), messages_for("en"))
    for locale in LANGUAGES:
        spoken = reading_text(message, ReadingRules(), messages_for(locale))
        assert spoken is not None and "example.com" in spoken and "{" not in spoken
        assert (spoken == english) == (locale == "en"), locale


def test_unicode_emoji_cap_matches_the_custom_emoji_cap() -> None:
    spoken = reading_text(ChatMessage("🍕🍔🍟🌭🍿"), ReadingRules(), messages_for("en"))
    assert spoken == "pizza hamburger french fries"
    assert MAX_EMOJI == 3


def test_say_cleaning_is_unchanged_by_the_shared_pieces() -> None:
    """/say keeps its own rule: links, mentions and emoji ids are dropped, not described."""
    assert sanitise("see [docs](https://x.com/a) https://y.com <@1> <:pog:2> ok") == "see docs ok"
    assert sanitise("<https://a.b|link> <https://c.d> @here") == "link"


def test_rules_from_settings_drive_the_text() -> None:
    text = "gg 👍 " + "word " * 100
    short = replace(ReadingRules(), max_chars=20, emoji="off")
    spoken = reading_text(ChatMessage(text), short, messages_for("en"))
    assert spoken == "gg word word word and more"
