"""Mail with two instances, each with its worker on the one queue: a resident who
subscribes on one instance and confirms on the other, and an officer who publishes
an agenda, give each person exactly one message; the scheduled duties run once."""

import collections
import json
import re
import subprocess
import sys
import time

from .conftest import ROOT, Browser

OFFICER = ("officer", "pace-example-officer")


def _shell(env: dict, code: str):
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _to(message) -> str:
    return message["X-Envelope-To"]


def test_each_message_once_with_a_worker_on_each_instance(deployment):
    a, b, inbox, env = deployment["a"], deployment["b"], deployment["inbox"], deployment["env"]
    meeting = _shell(
        env,
        "import json\n"
        "from partnerships.models import Body, Meeting\n"
        "from partnerships.selectors import member_addresses\n"
        "m = next(m for m in Meeting.objects.filter(is_public=True, agenda_published_at=None,"
        " body__in=Body.objects.current())"
        " if member_addresses(m.body))\n"
        "print(json.dumps({'pk': m.pk, 'slug': m.body.slug,"
        " 'members': sorted(member_addresses(m.body))}))",
    )

    resident = Browser()
    status, _, form = resident.request(f"{a}/alerts/subscribe/?topic=body:{meeting['slug']}")
    assert status == 200
    status, _, answer = resident.request(
        f"{a}/alerts/subscribe/",
        {**resident.form_fields(form), "email": "resident@example.net"},
    )
    assert status == 200, answer[:3000]
    confirmation = inbox.wait_for(lambda ms: any(_to(m) == "resident@example.net" for m in ms))
    text = next(m for m in confirmation if _to(m) == "resident@example.net").get_payload()
    text = text if isinstance(text, str) else text[0].get_payload(decode=True).decode()
    confirm = re.search(r"http://pace\.test(/alerts/confirm/[\w\-]+/)", text).group(1)
    _, _, page = resident.request(f"{b}{confirm}")  # confirmed on the other instance
    status, _, page = resident.request(f"{b}{confirm}", resident.form_fields(page))
    assert status == 200 and "Alerts confirmed" in page

    officer = Browser()
    officer.sign_in(a, *OFFICER)
    _, _, changelist = officer.request(f"{a}/admin/partnerships/meeting/")
    status, _, _ = officer.request(
        f"{a}/admin/partnerships/meeting/",
        {
            **officer.form_fields(changelist),
            "action": "publish_agenda",
            "_selected_action": str(meeting["pk"]),
            "index": "0",
        },
    )
    assert status == 302
    expected = sorted([*meeting["members"], "resident@example.net"])

    def agenda_mail(messages):
        return [m for m in messages if m["Subject"].startswith("Agenda published")]

    inbox.wait_for(lambda ms: len(agenda_mail(ms)) >= len(expected))
    time.sleep(3)  # time for a second copy, were one ever to be sent
    sent = collections.Counter(_to(m) for m in agenda_mail(inbox.messages))
    assert sorted(sent) == expected and set(sent.values()) == {1}, sent

    runs = _shell(
        env,
        "import json, collections\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "rows = DBTaskResult.objects.filter(task_path__endswith='duty_run')\n"
        "print(json.dumps(collections.Counter(r.args_kwargs['args'][0] for r in rows)))",
    )
    assert runs and set(runs.values()) == {1}, runs
