"""Circuit breakers (pybreaker) for the services the CMS can do without for
a while: the cache (Redis, cms/core/cache.py) and a separate search engine
(Elasticsearch, aggregator/backends/elasticsearch.py).

After `failures` failures in a row a breaker opens: calls fail at once,
without waiting for a timeout, and the caller falls back (a cache miss, the
database engine). After `cool_down` seconds one trial call goes through;
its success closes the breaker, its failure opens it for another cool-down.
Breakers live in the process; each worker finds out for itself.

An outage is logged once when it starts and once when it ends, not once
per call.
"""

import logging

import pybreaker

logger = logging.getLogger(__name__)

OPEN = pybreaker.STATE_OPEN
CLOSED = pybreaker.STATE_CLOSED
Unavailable = pybreaker.CircuitBreakerError


class OutageLog(pybreaker.CircuitBreakerListener):
    """A warning when the service becomes unreachable, an info line when it
    is back; the failed trial calls in between are debug lines."""

    def __init__(self):
        self.last_error: BaseException | None = None

    def failure(self, breaker, error):
        self.last_error = error

    def state_change(self, breaker, old, new):
        was = old.name if old is not None else CLOSED
        if new.name == OPEN and was == CLOSED:
            logger.warning(
                "%s unreachable (%s): going on without it, trying again every %s s",
                breaker.name,
                self.last_error,
                breaker.reset_timeout,
            )
        elif new.name == CLOSED and was != CLOSED:
            logger.info("%s reachable again", breaker.name)
        else:
            logger.debug("%s: breaker %s -> %s", breaker.name, was, new.name)


def circuit_breaker(
    name: str,
    failures: int,
    cool_down: float,
    counts: tuple[type[BaseException], ...],
) -> pybreaker.CircuitBreaker:
    """A breaker counting only the exceptions in `counts` (the service's
    connection errors and timeouts); any other exception passes through
    unnoticed: it is a bug to raise, not an outage."""
    return pybreaker.CircuitBreaker(
        fail_max=failures,
        reset_timeout=cool_down,
        exclude=[lambda error: not isinstance(error, counts)],
        listeners=[OutageLog()],
        name=name,
        # The call that trips the breaker raises its own error (a timeout
        # says more than "breaker opened"); later calls raise Unavailable.
        throw_new_error_on_trip=False,
    )
