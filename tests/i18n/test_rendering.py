"""Errors, labels, consent and numbers rendered in each language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.audio.decode import too_long
from bot.audio.limits import too_large
from bot.errors import (
    ALL_ERRORS,
    BotError,
    Cooldown,
    FieldUpdateNotAllowed,
    InternalError,
    NotAllowed,
    PreviewNotReady,
    VoiceLimitReached,
)
from bot.i18n import LANGUAGES, messages_for
from bot.members.forget import CloneInProgress
from bot.members.prompts import ConsentExpired
from bot.models import VoiceRecord
from bot.speech.say import Speech
from bot.voices.library import clean_name
from tests.i18n.catalogue_data import TRANSLATIONS


def _instance(cls: type[BotError]) -> BotError:
    if cls is Cooldown:
        return Cooldown(5)
    return cls()


@pytest.mark.parametrize("cls", ALL_ERRORS)
def test_every_error_renders_in_every_language_and_keeps_its_english(
    cls: type[BotError],
) -> None:
    error = _instance(cls)
    english = error.render(messages_for("en"))
    assert english.strip()
    assert error.to_dict()["error"]["code"] == cls.code
    assert error.to_dict()["error"]["message"] == error.message
    for locale in TRANSLATIONS:
        translated = error.render(messages_for(locale))
        assert translated.strip() and translated != english, (cls, locale)


def test_cooldown_waits_are_formatted_by_babel() -> None:
    error = Cooldown(42.4)
    assert error.message == "You're doing that too often. Try again in 42 s."
    assert error.render(messages_for("en")).endswith("Try again in 42 seconds.")
    assert "in 42 Sekunden" in error.render(messages_for("de"))
    assert "dentro de 42 segundos" in error.render(messages_for("es"))
    assert "dans 42 secondes" in error.render(messages_for("fr"))
    assert "tra 42 secondi" in error.render(messages_for("it"))
    assert "in 2 Minuten" in Cooldown(95).render(messages_for("de"))
    assert "in 1 Sekunde" in Cooldown(0.2).render(messages_for("de"))


def test_numbers_in_errors_follow_the_language() -> None:
    error = too_large(int(2.5 * 1024 * 1024))
    assert "2.5 MB" in error.message
    assert "2,5 MB" in error.render(messages_for("de"))
    assert "2,5 Mo" in error.render(messages_for("fr"))
    assert "1,5 Minuten" in too_long(90).render(messages_for("de"))
    assert "1 Minute)" in too_long(60).render(messages_for("de"))


def test_errors_with_parameters_keep_them() -> None:
    with pytest.raises(NotAllowed) as raised:
        clean_name("x" * 200)
    assert "1 bis 80 Zeichen" in raised.value.render(messages_for("de"))
    reference = InternalError()
    for locale in LANGUAGES:
        assert reference.reference in reference.render(messages_for(locale))
    field = FieldUpdateNotAllowed("language")
    assert "„language“" in field.render(messages_for("de"))
    assert field.render(messages_for("en")) == field.message
    assert "campo de una voz" in FieldUpdateNotAllowed().render(messages_for("es"))


def test_specific_errors_have_specific_translations() -> None:
    assert ConsentExpired().render(messages_for("de")).startswith("Diese Anfrage ist abgelaufen")
    assert PreviewNotReady().render(messages_for("it")).startswith("L’anteprima di questa voce")
    # Commands named in texts are the ones members type on that platform.
    assert "/vergiss-mich" in CloneInProgress().render(messages_for("de", "discord"))
    assert "/forget-me" in CloneInProgress().render(messages_for("de", "slack"))
    assert "/stimme löschen" in VoiceLimitReached().render(messages_for("de", "discord"))
    assert "/voices" in VoiceLimitReached().render(messages_for("de", "slack"))


def test_a_message_without_a_key_stays_english_in_english_only() -> None:
    error = NotAllowed("Forgetting deletes every voice and record: add --yes to confirm.")
    assert error.render(messages_for("en")) == error.message
    assert error.render(messages_for("fr")) == messages_for("fr")("error-not-allowed")


def _speech(text: str) -> Speech:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    voice = VoiceRecord(
        voice_id="v1",
        platform="discord",
        user_id="1",
        community_id=None,
        name="Mia",
        description=None,
        languages=("de",),
        sample_sha256="0" * 64,
        speech_seconds=12.0,
        is_default=True,
        created_at=now,
        updated_at=now,
    )
    return Speech(audio=b"", content_type="audio/mpeg", filename="s.mp3", voice=voice, text=text)


@pytest.mark.parametrize(
    ("locale", "marker"),
    [
        ("en", "AI voice clone of Ana"),
        ("de", "KI-Stimmklon von Ana"),
        ("es", "Clon de voz por IA de Ana"),
        ("fr", "Clone vocal par IA de Ana"),
        ("it", "Clone vocale IA di Ana"),
        ("pt-BR", "AI voice clone of Ana"),
    ],
)
def test_the_say_label_always_says_ai_voice_clone(locale: str, marker: str) -> None:
    speech = _speech("Hallo " * 200)
    label = speech.label("Ana", messages=messages_for(locale))
    assert marker in label and "Mia" in label
    assert len(label) < 500
    assert speech.label("Ana") == speech.label("Ana", messages=messages_for("en"))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_each_language_has_its_own_consent_statement_and_version(locale: str) -> None:
    consent = messages_for(locale, "discord").consent()
    assert consent.language == locale
    assert consent.version and consent.text
    if locale != "en":
        assert consent.text != messages_for("en", "discord").consent().text


def test_formatting_helpers() -> None:
    de, en = messages_for("de"), messages_for("en")
    assert de.number(1234.5) == "1.234,5" and en.number(1234.5) == "1,234.5"
    assert de.items(["en", "de", "fr"]) == "en, de und fr"
    assert messages_for("es").items(["en", "de"]) == "en y de"
    assert de.duration(3600) == "1 Stunde"
    moment = datetime(2026, 12, 1, 14, 5, tzinfo=UTC)
    assert de.date_time(moment) == "1. Dezember 2026, 14:05"
    assert en.date_time(moment) == "December 1, 2026, 2:05\u202fPM"
    assert de.on_off(True) == "an" and messages_for("fr").on_off(False) == "non"


@pytest.mark.parametrize("locale", ["en", "de", "es", "fr", "it"])
def test_a_voice_without_languages_says_so_the_same_way_everywhere(locale: str) -> None:
    for platform in ("discord", "slack", "cli"):
        t = messages_for(locale, platform)
        assert t.languages(()) == t("languages-not-detected")
        assert t.languages(("de", "en")) == "de, en"
