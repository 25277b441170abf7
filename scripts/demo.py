"""`make demo`: the whole clone flow offline, on the bundled sample, against the simulator.

Starts the Async API simulator, then runs the real CLI (`python -m bot ...`) as a member would
see it, with a throwaway database, and stops everything at the end. Nothing to configure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "audio" / "voice_message.ogg"
API_KEY = "sk_demo_simulator"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url + "/", headers={"version": "v1"})
            with urllib.request.urlopen(request, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the simulator did not start")


def step(title: str) -> None:
    print(f"\n\033[1m$ {title}\033[0m", flush=True)


def main() -> int:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="voicebot-demo-") as folder:
        env = {
            **os.environ,
            "ASYNC_API_KEY": API_KEY,
            "ASYNC_API_BASE_URL": url,
            "DATABASE_URL": f"sqlite:///{folder}/demo.db",
            "LOG_LEVEL": "WARNING",
        }
        simulator = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "simulator",
                "--port",
                str(port),
                "--api-key",
                API_KEY,
                "--latency",
                "0.3",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(url)
            print(f"Async Voice API simulator running at {url} (offline, in memory)")
            commands = [
                (
                    "clone",
                    str(SAMPLE),
                    "--user",
                    "demo-member",
                    "--consent",
                    "--name",
                    "Demo voice",
                ),
                ("voices", "--user", "demo-member"),
                ("preview", "Demo voice", "--user", "demo-member"),
            ]
            for argv in commands:
                shown = " ".join(a if " " not in a else repr(a) for a in argv)
                step(f"python -m bot {shown.replace(str(ROOT) + '/', '')}")
                done = subprocess.run([sys.executable, "-m", "bot", *argv], env=env, check=False)
                if done.returncode != 0:
                    return done.returncode
            print("\nDone. That was the real bot code, against the bundled simulator.")
            return 0
        finally:
            simulator.terminate()
            simulator.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
