"""Per-client-address and per-key rate limits on the routes that extract or write (the `limits` library).

Counts live in this process's memory (a moving window): with several uvicorn workers each one counts
on its own, so the effective limit is multiplied by the number of workers.
"""

from __future__ import annotations

import math
import time

from fastapi import Request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from .errors import RateLimited
from .store import hash_key


def _rate(text: str) -> RateLimitItem | None:
    return parse(text) if text.strip() else None


class RateLimits:
    def __init__(self, per_ip: str, per_key: str):
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_ip = _rate(per_ip)
        self.per_key = _rate(per_key)

    def check(self, address: str, key: str | None) -> None:
        """Count one request; raises RateLimited when the address or the key is over its limit."""
        self._hit(self.per_ip, "address", address)
        if key:
            self._hit(self.per_key, "API key", hash_key(key))  # only the hash is kept in memory

    def _hit(self, rate: RateLimitItem | None, who: str, identity: str) -> None:
        if rate is None or self.limiter.hit(rate, who, identity):
            return
        reset = self.limiter.get_window_stats(rate, who, identity).reset_time
        raise RateLimited(who, str(rate), max(1, math.ceil(reset - time.time())))


def rate_limited(request: Request) -> None:
    """Dependency for the extract and write routes (it reads the key header itself: /extract needs no key)."""
    address = request.client.host if request.client else "unknown"
    request.app.state.rate_limits.check(address, request.headers.get("x-api-key"))
