"""Run the same write in many real threads at once, against PostgreSQL.

Used by the race tests of every app: the threads wait at a barrier so they
hit the database together; each closes its own connections at the end."""

import threading

import pytest
from django.db import connection, connections


@pytest.fixture(autouse=True)
def _needs_postgresql():
    """Imported into a race-test module, it fails loudly on another database."""
    assert connection.vendor == "postgresql", "race tests need PostgreSQL"


def race(target, arguments):
    """Start one thread per argument at the same moment; collect the results
    and the exceptions."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait()
            results.append(target(argument))
        except Exception as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results, errors
