"""Equality monitoring: kept apart from the responses, reported only in aggregate
with small numbers suppressed (and the number that would give a suppressed one
away), and feeding the equality impact assessment in the admin."""

import pytest
from django.contrib import admin

from strategy.consultations import services
from strategy.consultations.models import AnswerData, EqualityMonitoring, ProtectedCharacteristic
from strategy.consultations.monitoring import (
    SUPPRESS_BELOW,
    _suppressed,
    consultations_assessed,
    monitoring_table,
)
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


def respondents(c, answers: list[dict]) -> None:
    for monitoring in answers:
        EqualityMonitoring.objects.create(consultation=c, **monitoring)


def row(table, characteristic: str) -> dict[str, str]:
    found = next(r for r in table.rows if r.characteristic == characteristic)
    return {cell.label: cell.shown for cell in found.cells}


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([10, 7, 0], [10, 7, 0]),  # nothing small
        ([10, 3, 6], [10, None, None]),  # one small: the next smallest goes too
        ([10, 3, 2], [10, None, None]),  # two small: enough
        ([10, 1, 0, 0], [None, None, 0, 0]),  # only the large one left to hide
        ([5, 4, 0], [None, None, 0]),
    ],
)
def test_small_numbers_are_suppressed_and_cannot_be_worked_out(counts, shown):
    assert _suppressed(counts) == shown


def test_the_table_shows_only_totals_with_small_numbers_hidden():
    c = f.consultation()
    respondents(
        c,
        [{"age": "25_34", "sex": "female"}] * 6
        + [{"age": "65_74", "sex": "male"}] * 5
        + [{"age": "75_over", "sex": "prefer_not"}] * 2
        + [{}] * 1,
    )
    table = monitoring_table([c])
    assert table.respondents == 14 and len(table.rows) == 9
    age = row(table, "Age")
    assert age["25 to 34"] == "6" and age["65 to 74"] == "5"
    assert age["75 or over"] == "fewer than 5" and age["Not answered"] == "fewer than 5"
    assert age["Under 16"] == "0"
    sex = row(table, "Sex")
    assert sex["Female"] == "6" and sex["Male"] == "5"
    assert sex["Prefer not to say"] == "fewer than 5" and sex["Not answered"] == "fewer than 5"
    # A characteristic nobody answered: all "not answered".
    assert row(table, "Religion or belief")["Not answered"] == "14"


def test_too_few_respondents_show_nothing():
    c = f.consultation()
    respondents(c, [{"age": "16_24"}] * (SUPPRESS_BELOW - 1))
    table = monitoring_table([c])
    assert table.too_few and table.rows == []


def test_the_answers_are_kept_apart_from_the_response():
    c, questions = f.online()
    response = f.submitted(
        c,
        {questions["one"]: AnswerData(prefer_not=True)},
        monitoring={"age": "45_54", "race": "white", "sex": "nonsense", "unknown": "x"},
    )
    (kept,) = EqualityMonitoring.objects.all()
    assert kept.age == "45_54" and kept.race == "white" and kept.sex == ""  # unknown dropped
    # Nothing on the row leads to the response: no key to it, no time, a random id.
    names = {field.name for field in EqualityMonitoring._meta.concrete_fields}
    assert names == {"id", "consultation", *(c.value for c in ProtectedCharacteristic)}
    assert str(kept.pk) != str(response.pk) and len(str(kept.pk)) == 36
    # And no admin page shows one person's answers.
    assert EqualityMonitoring not in admin.site._registry


def test_the_equality_impact_assessment_hears_who_responded(client):
    strategy = f.strategy()
    first = f.consultation(subject=strategy)
    second = f.consultation(subject=strategy)
    respondents(first, [{"disability": "yes"}] * 3)
    respondents(second, [{"disability": "yes"}] * 4 + [{"disability": "no"}] * 5)
    of_strategy = services.assessment_create(strategy=strategy)
    of_consultation = services.assessment_create(consultation=first)
    assert set(consultations_assessed(of_strategy)) == {first, second}
    client.force_login(pf.officer())
    html = client.get(
        f"/admin/consultations/equalityimpactassessment/{of_strategy.pk}/change/"
    ).content.decode()
    assert "who responded (equality monitoring)" in html.lower()
    assert "12 respondents answered the equality questions" in html
    assert "<caption>Disability: Do you have a disability?</caption>" in html
    assert '<th scope="row">Yes</th><td>7</td>' in html
    html = client.get(
        f"/admin/consultations/equalityimpactassessment/{of_consultation.pk}/change/"
    ).content.decode()
    assert "Fewer than 5 respondents answered" in html
