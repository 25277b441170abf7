"""``python -m simulator``: serve the Async Voice API simulator until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from simulator.server import run_simulator
from simulator.state import SimulatorState

log = logging.getLogger("simulator")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m simulator", description="A local, in-memory Async Voice API."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8090, help="port (0 picks a free one)")
    parser.add_argument("--api-key", default=SimulatorState.api_key, help="the key clients send")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="delay added to every API response",
    )
    parser.add_argument(
        "--preview-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="how long a new voice's preview stays unavailable",
    )
    parser.add_argument(
        "--clone-limit",
        type=int,
        default=None,
        help="max custom voices (VOICE_CLONE_LIMIT_EXCEEDED beyond)",
    )
    parser.add_argument(
        "--tts-quota-chars",
        type=int,
        default=None,
        help="TTS characters left on the account (USAGE_LIMIT_EXCEEDED beyond)",
    )
    parser.add_argument(
        "--public-url",
        default=None,
        help="base URL for signed preview links (default: the request's host)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every API call")
    return parser


async def _serve(args: argparse.Namespace) -> None:
    state = SimulatorState(
        api_key=args.api_key,
        latency_seconds=args.latency,
        preview_delay_seconds=args.preview_delay,
        clone_limit=args.clone_limit,
        tts_quota_chars=args.tts_quota_chars,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with run_simulator(
        state, host=args.host, port=args.port, public_url=args.public_url
    ) as simulator:
        log.info("Async Voice API simulator listening on %s", simulator.url)
        # A made-up key for a local fake, printed on purpose so operators can copy it.
        log.info(
            "Point the bot at it: ASYNC_API_BASE_URL=%s ASYNC_API_KEY=%s ASYNC_API_VERSION=%s",
            simulator.url,
            state.api_key,
            state.version,
        )
        await stop.wait()
        log.info("simulator stopping")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stdout,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.verbose:
        logging.getLogger("simulator").setLevel(logging.DEBUG)
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
