"""The CLI speaks English unless --lang asks for another language."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from adapters.cli.output import Output
from adapters.cli.parser import build_parser, cli_messages
from bot.__main__ import dispatch
from simulator.server import RunningSimulator
from tests.core.conftest import make_settings


async def _run(sim: RunningSimulator, tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    output = Output(getattr(args, "json", False), out, err, messages=cli_messages(args))
    code = await dispatch(args.command, args, make_settings(sim, tmp_path), output)
    return code, out.getvalue(), err.getvalue()


async def test_errors_are_english_without_lang(sim: RunningSimulator, tmp_path: Path) -> None:
    code, _, err = await _run(sim, tmp_path, "preview", "nope", "--user", "u1")
    assert code == 1
    assert "error [voice_not_found]: I can't find that voice" in err


async def test_lang_de_gives_german_errors(sim: RunningSimulator, tmp_path: Path) -> None:
    code, _, err = await _run(sim, tmp_path, "preview", "nope", "--user", "u1", "--lang", "de")
    assert code == 1
    assert "error [voice_not_found]: Diese Stimme finde ich unter deinen nicht." in err
    # Commands keep their English names outside Discord.
    assert "Mit /voices siehst du" in err


async def test_lang_with_json_keeps_the_code_and_translates_the_message(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    argv = ("preview", "nope", "--user", "u1", "--lang", "es", "--json")
    code, out, _ = await _run(sim, tmp_path, *argv)
    body = json.loads(out)
    assert code == 1 and body["error"]["code"] == "voice_not_found"
    assert body["error"]["message"].startswith("No encuentro esa voz entre las tuyas.")


def test_unknown_languages_are_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["voices", "--user", "u1", "--lang", "pt"])
    assert exited.value.code == 2


def test_progress_in_the_chosen_language() -> None:
    err = io.StringIO()
    Output(
        False,
        io.StringIO(),
        err,
        messages=cli_messages(
            build_parser().parse_args(["voices", "--user", "u1", "--lang", "it"])
        ),
    ).progress("converting")
    Output(False, io.StringIO(), err).progress("converting")
    assert err.getvalue() == "… Converto l’audio…\n… converting\n"
