"""The project plan and risk log of each strategy after 2020 (illustrative: the seeds
stop with the 2017-2020 strategy), and the risk reviews of every strategy: the
milestones of preparing it, met, met late or missed, and risks rescored at each
six-monthly review up to the day of loading."""

import datetime

from strategy.models import Milestone, Risk, Strategy

SUMMARY = (
    "Illustrative: the seeds stop with the 2017-2020 strategy. This one shows how the "
    "partnership carries on, refreshing its strategy every three years with the same vision, "
    "aims and priorities for action."
)
LEAD = "Partnerships and Communities"

#: (title, months from the start of the strategy): preparing it, then reviewing it.
MILESTONES = [
    ("Consultation on the next strategy opens", -6),
    ("Consultation on the next strategy closes", -4),
    ("Draft of the next strategy to the Leaders Board", -2),
    ("Next strategy adopted by the Leaders Board", -1),
    ("Strategy goes live with the year-one action plans", 0),
    ("Mid-term review to the Assembly", 18),
    ("Final progress report to the Assembly", 36),
]
#: (title, likelihood, impact, owner, mitigation)
RISKS = [
    (
        "Partners' budgets fall and commitments to actions are withdrawn",
        4,
        4,
        "Leaders Board",
        "Actions carry their resources in each plan; the board reviews them every quarter.",
    ),
    (
        "Residents' involvement falls away between Area Assemblies",
        3,
        3,
        "Area Boards",
        "Participatory budgeting rounds and online consultations between the Assemblies.",
    ),
    (
        "Data to measure success is late or missing",
        3,
        2,
        "Partnerships and Communities",
        "A measure and a data owner for every action; values posted with each update.",
    ),
]


def _months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def project_plan(strategy: Strategy, *, today: datetime.date) -> None:
    """The milestones and risks of ``strategy``, made once. Past milestones are met;
    the draft goes late every time, and the last strategy's mid-term review was
    missed."""
    if strategy.milestones.exists():
        return
    for title, months in MILESTONES:
        due_on = _months(strategy.starts_on, months) + datetime.timedelta(days=14)
        done_on = due_on if due_on < today else None
        if done_on and title.startswith("Draft"):
            done_on = due_on + datetime.timedelta(days=10 + strategy.starts_on.year % 7)
        if done_on and title.startswith("Mid-term") and strategy.starts_on.year % 2:
            done_on = None  # missed: the Assembly did not meet that year
        if done_on and done_on > today:
            done_on = None
        milestone = Milestone(
            strategy=strategy, title=title, due_on=due_on, done_on=done_on, lead=LEAD
        )
        milestone.full_clean()
        milestone.save()
    for risk in RISKS:
        risk_log(strategy, *risk, today=today)


def risk_log(
    strategy,
    title,
    likelihood,
    impact,
    owner,
    mitigation,
    *,
    today,
    first_review: datetime.date | None = None,
    rescore: bool = True,
) -> None:
    """A risk of ``strategy``'s log, reviewed every six months from its first review
    (three months before the strategy starts) until today or its end: each review
    sets the next and, with ``rescore``, scores it again (the reviews are the risk's
    history). Made once."""
    if Risk.objects.filter(strategy=strategy, title=title).exists():
        return
    review = first_review or strategy.starts_on - datetime.timedelta(days=91)
    risk = Risk(
        strategy=strategy,
        title=title,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        mitigation=mitigation,
        review_on=review,
    )
    risk.full_clean()
    risk.save()
    step = 0
    while review <= min(today, strategy.ends_on):
        step += 1
        if rescore:
            # Risks ease as the partnership gets into its stride; now and then one returns.
            risk.likelihood = max(1, min(5, likelihood - step // 2 + (step % 5 == 4)))
        risk.review_on = review + datetime.timedelta(days=182)
        risk.full_clean()
        risk.save()
        review = risk.review_on
