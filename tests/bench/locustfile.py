"""The load of ``tests/bench/load.py``, for locust: residents reading the public pages
and board members posting progress updates through the real forms.

Run by load.py, which writes the plan this file reads (``PACE_LOAD_PLAN``: the
public addresses, and each board member's login and actions). Board members sign
in once, through the sign-in form with its CSRF token (as django-axes counts it),
then post updates the way a browser does: open the form, read its CSRF token and
one-time submission key, send it, follow nothing.
"""

import itertools
import json
import os
import random
import re
import threading
from datetime import date

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["PACE_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]*)"')
_members = itertools.cycle(PLAN["board_members"])
_members_lock = threading.Lock()


def _hidden(pattern: re.Pattern, html: str) -> str:
    found = pattern.search(html)
    if not found:
        raise ValueError(f"no {pattern.pattern[:30]} in the page")
    return found.group(1)


class Resident(HttpUser):
    """An anonymous visitor reading the public pages."""

    fixed_count = PLAN["residents"]
    wait_time = between(1, 3)

    @task
    def read(self) -> None:
        path = random.choice(PLAN["public_paths"])
        name = re.sub(r"\d+", "<id>", path) if "/partnerships/" not in path else path
        if path.startswith("/partnerships/") and path.count("/") == 3 and "." not in path:
            name = "/partnerships/<slug>/"
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")


class BoardMember(HttpUser):
    """A board member posting progress updates on their body's actions."""

    fixed_count = PLAN["board_member_count"]
    wait_time = between(3, 8)

    def on_start(self) -> None:
        with _members_lock:
            self.member = next(_members)
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        response = self.client.post(
            "/accounts/login/",
            {
                "username": self.member["username"],
                "password": self.member["password"],
                "csrfmiddlewaretoken": _hidden(CSRF, page.text),
            },
            name="/accounts/login/ (sign in)",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(
                f"{self.member['username']} could not sign in: {response.status_code}"
                f" {response.text[:300]}"
            )

    @task
    def post_update(self) -> None:
        action = random.choice(self.member["actions"])
        url = f"/actions/{action}/update/"
        form = self.client.get(url, name="/actions/<id>/update/ (form)")
        if form.status_code != 200:
            return
        with self.client.post(
            url,
            {
                "csrfmiddlewaretoken": _hidden(CSRF, form.text),
                "submission_key": _hidden(KEY, form.text),
                "reported_on": date.today().strftime("%d/%m/%Y"),
                "rag": random.choice(["green", "green", "amber", "red"]),
                "narrative": "Load test: what was done and what happens next.",
            },
            name="/actions/<id>/update/ (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"update answered {response.status_code}")


@events.quitting.add_listener
def _exit_code(environment, **kwargs) -> None:
    if environment.stats.total.num_failures:
        environment.process_exit_code = 1
