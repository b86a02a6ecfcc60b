"""Posts at the same moment, for the tests of sends done once (issue 20 §4). PostgreSQL only:
SQLite writes one at a time, so has nothing to race."""

import threading

from django.db import connections

from ecm.core.once import AlreadyDone


def at_once(calls) -> list:
    """Each call in its own thread and connection, all let go together; what each returned,
    or the AlreadyDone it raised."""
    outcome = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i, call):
        try:
            start.wait(5)
            outcome[i] = call()
        except AlreadyDone as already:
            outcome[i] = already
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return outcome
