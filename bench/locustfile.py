"""The load test's users (issue 25 §6), for locust in a process of its own (bench.load starts it).

Each user signs in with one of the demo's accounts (the documented demo password; the server
runs in demo mode) and then, every 1-3 s, opens one of the pages that account opens in a round
(bench/load_pages.py found them and checked each answers 200). A request is named by its page
kind ("council: performance profile"), so the same page of two councils counts as one kind.

Redirects are not followed: a page that answers anything but 200 (a redirect to sign in, a 500
"database is locked") is a failure, never a success by way of the page it redirected to.

Every request is appended to LOAD_RECORD as a CSV line (end time, name, milliseconds, status,
error), so bench.load can cut the run into windows (without and during an import); the moment
every user has been started is written as a line named "spawning complete".

The users are locust's FastHttpUser (geventhttpclient), not HttpUser (python-requests): locust
runs on the same cores as the site, and FastHttpUser spends a fraction of the CPU per request
that requests does, so less of the machine goes to the load generator (bench.load reports the
cores each part used). Its cookie jar keeps the session and CSRF cookies as a browser would.

Not imported by the site or the tests: locust monkey-patches ssl and sockets with gevent.
"""

import csv
import itertools
import json
import os
import random
import re
import time

from locust import FastHttpUser, between, events, task

DEMO_PASSWORD = "demo-ecm-2007"  # noqa: S105  (ecm.accounts.backends, published in the README)
PAGES = json.loads(open(os.environ["LOAD_PAGES"]).read())["accounts"]  # noqa: SIM115
ACCOUNTS = {
    group: itertools.cycle([a for a in PAGES if a["group"] == group and a["pages"]])
    for group in ("council", "inspector")
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_record = open(os.environ["LOAD_RECORD"], "a", newline="", buffering=1)  # noqa: SIM115
_writer = csv.writer(_record)


@events.request.add_listener
def _record_request(name, response_time, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    _writer.writerow(
        [f"{time.time():.3f}", name, f"{response_time:.1f}", status, str(exception or "")[:200]]
    )


@events.spawning_complete.add_listener
def _spawned(user_count, **kwargs):
    _writer.writerow([f"{time.time():.3f}", "spawning complete", "0", user_count, ""])


class _Person(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    group = ""

    def on_start(self):
        self.account = next(ACCOUNTS[self.group])
        self.pages = self.account["pages"]
        with self.client.get("/sign-in/", name="sign in (form)", catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or token is None:
                page.failure(f"sign-in form answered {page.status_code}")
                return
        with self.client.post(
            "/sign-in/",
            data={
                "username": self.account["email"],
                "password": DEMO_PASSWORD,
                "csrfmiddlewaretoken": token.group(1),
            },
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302 or "sign-in" in answer.headers.get("Location", ""):
                answer.failure(f"sign-in answered {answer.status_code}")

    @task
    def open_a_page(self):
        kind, url = random.choice(self.pages)  # noqa: S311  (a load pattern, not a secret)
        with self.client.get(
            url, name=f"{self.group}: {kind}", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {url}")


class Council(_Person):
    """A council's link officer or director: their home, their assessment, their profile."""

    group = "council"
    weight = 1


class Inspector(_Person):
    """An inspector, a business relationship manager or an administrator: the round's pages,
    a council's notebook and steps, the profiles with every LAIT indicator."""

    group = "inspector"
    weight = 1
