"""Which language a member gets."""

from __future__ import annotations

import pytest

from bot.i18n import messages_for, normalise, pick_locale, translator_for


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (["de"], "de"),
        (["es-ES"], "es"),
        (["es-419"], "es"),
        (["es_ES"], "es"),
        (["FR"], "fr"),
        (["it-IT"], "it"),
        (["en-US"], "en"),
        (["en-GB", "de"], "en"),
        (["pt-BR"], "en"),
        (["pt-BR", "de"], "de"),
        ([None, "fr"], "fr"),
        ([None, None], "en"),
        ([], "en"),
        (["", "  ", "x-klingon", "1234", "de-DE"], "de"),
        (["ja", "ko", "zh-CN"], "en"),
    ],
)
def test_pick_locale(candidates: list[str | None], expected: str) -> None:
    assert pick_locale(candidates) == expected


def test_the_default_comes_before_english_and_must_be_ours() -> None:
    assert pick_locale(["pt-BR"], default="it") == "it"
    assert pick_locale(["de"], default="it") == "de"
    assert pick_locale(["pt-BR"], default="pt") == "en"


def test_normalise_keeps_only_a_language() -> None:
    assert normalise("es-ES") == "es"
    assert normalise("de_AT") == "de"
    assert normalise(None) is None
    assert normalise("<script>") is None
    assert normalise("ñ") is None


def test_translators_follow_the_choice() -> None:
    assert messages_for("es-ES").locale == "es"
    assert messages_for("pt-BR").locale == "en"
    assert messages_for(None).locale == "en"
    assert translator_for(["pt-BR", "it"], "discord").locale == "it"
    # One translator per language and platform, made once.
    assert messages_for("de-DE", "slack") is messages_for("de", "slack")
