"""Two officers (or eight) editing the tree at once leave it consistent: the tree
lock in services/tree.py serialises every write."""

import contextlib
import random
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from partnerships import services
from partnerships.models import Body, BodyKind

from . import factories as f

WORKERS = 6
STEPS = 12


def tree_state():
    return list(
        Body.objects.order_by("pk").values_list(
            "pk", "parent_id", "lft", "rght", "level", "tree_id"
        )
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database cannot be shared by writing threads",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_and_moves_keep_the_tree_consistent():
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    boards = [f.body(BodyKind.AREA_BOARD, leaders, name=f"Area Board {i}") for i in range(4)]
    for i in range(8):
        f.body(BodyKind.TOWN_PARTNERSHIP, boards[i % 4], name=f"Town {i}")
    errors: list[BaseException] = []
    barrier = threading.Barrier(WORKERS)

    def work(seed: int) -> None:
        rng = random.Random(seed)
        try:
            barrier.wait()
            for step in range(STEPS):
                if rng.random() < 0.4:
                    f.body(
                        BodyKind.TOWN_PARTNERSHIP,
                        rng.choice(boards),
                        name=f"New town {seed}-{step}",
                    )
                else:
                    towns = list(Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP))
                    target = rng.choice(boards)
                    with contextlib.suppress(ValidationError):  # a town moved elsewhere
                        services.body_move(body=rng.choice(towns), target=target)
                # Now and then an invalid move, which must be refused without harm.
                if step % 5 == 0:
                    with contextlib.suppress(ValidationError):
                        services.body_move(body=rng.choice(boards), target=leaders, position="left")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).count() > 8
    stored = tree_state()
    Body.objects.rebuild()
    assert tree_state() == stored
    assert Body.objects.filter(parent__isnull=True).count() == 1
