"""Who may import whom. The core (bot/) never imports a platform library, the adapters or the
stores; the core's use-cases import no web, error-report or metrics library; the adapters see
the core only through its facade, models, errors, i18n and settings."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
FORBIDDEN = {"discord", "slack_bolt", "slack_sdk", "adapters", "storage"}
#: The rooms that hold the use-cases: pure rules, no transport, no reporting, no metrics.
USE_CASES = ("cloning", "speech", "voices", "members", "policy")
NOT_IN_USE_CASES = {"aiohttp", "sentry_sdk", "prometheus_client"}
#: What an adapter may import of the core.
ADAPTERS_SEE = ("bot.facade", "bot.models", "bot.errors", "bot.i18n", "bot.app.settings")


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, those imported only for type checking included."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def imported_roots(path: Path) -> set[str]:
    return {module.split(".")[0] for module in imported_modules(path)}


def test_core_imports_no_platform_or_storage() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN)
        for path in BOT.rglob("*.py")
        if path.name != "__main__.py" or path.parent != BOT
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_use_cases_import_no_web_reporting_or_metrics_library() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & NOT_IN_USE_CASES)
        for room in USE_CASES
        for path in (BOT / room).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_adapters_see_only_the_facade_models_errors_i18n_and_settings() -> None:
    def allowed(module: str) -> bool:
        return not module.startswith("bot") or any(
            module == seen or module.startswith(seen + ".") for seen in ADAPTERS_SEE
        )

    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in imported_modules(path) if not allowed(m))
        for path in (ROOT / "adapters").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import discord\nfrom storage.sqlite import X\nfrom . import y\n"
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.speech.say import Z\n"
    )
    assert imported_roots(sample) == {"discord", "storage", "typing", "bot"}
    assert "bot.speech.say" in imported_modules(sample)


def test_an_audio_worker_loads_only_the_audio_room() -> None:
    """Every audio worker is a process of its own: what its jobs import is resident memory
    held once per worker. They load the audio room and the errors, never the API client, the
    settings or the web library (about 30 MB each)."""
    jobs = "bot.audio.workers, bot.audio.pipeline, bot.audio.voice_message"
    program = (
        f"import sys, {jobs}; bot.audio.pipeline.warm_worker(); "
        "print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    ours = {m for m in loaded if m == "bot" or m.startswith("bot.")}
    assert ours <= {"bot", "bot.errors", "bot.heap"} | {
        m for m in ours if m.startswith("bot.audio")
    }
    assert not {"aiohttp", "pydantic", "pydantic_settings", "yarl"} & set(loaded)


def test_the_ports_speak_only_the_cores_language() -> None:
    """The ports' answers are the core's own records: an implementation translates into them
    (the API client's parsed models stay in bot.api)."""
    for port in ("ports.py", "models.py"):
        from_bot = {m for m in imported_modules(BOT / port) if m.split(".")[0] == "bot"}
        assert from_bot <= {"bot.models", "bot.errors"}, (port, from_bot)
