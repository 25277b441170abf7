"""Who runs a clone request, so that an instance starting up can tell an orphan (its process
died) from a request another live instance is still working on."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime

from bot.models import CloneRequestRecord


def new_instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_orphan(request: CloneRequestRecord, me: str, now: datetime) -> bool:
    """True when nobody can still be working on ``request``: its lease ran out, or its owner was
    a process on this host that no longer exists (or an earlier life of this very process id)."""
    if request.lease_until is None or request.lease_until <= now or not request.owner:
        return True
    if request.owner == me:
        return False
    host, _, rest = request.owner.partition(":")
    pid_text, _, _ = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    return pid == os.getpid() or not _pid_alive(pid)
