"""A faithful local, in-memory simulator of the Async Voice API (aiohttp).

Used by the test suite, ``make demo``, benchmarks and operators trying the bot offline::

    async with run_simulator() as sim:
        sim.state.inject("clone", "RATE_LIMIT_EXCEEDED")
        ...  # point a client at sim.url with api key sim.state.api_key
"""

from simulator.app import create_app
from simulator.server import RunningSimulator, run_simulator
from simulator.state import ROUTES, STATE_KEY, Fault, SimulatorState, SimVoice

__all__ = [
    "ROUTES",
    "STATE_KEY",
    "Fault",
    "RunningSimulator",
    "SimVoice",
    "SimulatorState",
    "create_app",
    "run_simulator",
]
