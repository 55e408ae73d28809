"""The example's indicators: where Cheshire East stands on each outcome of its
strategies, and how the plans' work is doing (issue 22).

- **Places**: Cheshire East (ONS code E06000049), the three Area Board areas, and
  ten of its wards, each in the area of the towns it is in.
- **Population indicators** for every outcome of every strategy (and the priorities
  they serve): yearly figures for financial years ending 31 March, from when each
  series starts up to the last year published (about six months after it ends),
  the latest one or two provisional. The sources are the real ones; the figures are
  illustrative, near Cheshire East's own, with the pandemic and the energy crisis in
  them. Each strategy from 2017 sets a target for its end on a steady line from the
  2016/17 baseline (or the series' first year): some indicators are on track for
  it, some off track, one has no target. Life expectancy, child obesity and falls
  are also given for the Area Board areas (and the first two for the wards), to
  compare them.
- **Performance measures** of the current and last year's plans of the Health and
  Wellbeing Board, Learning and Skills and the Crewe and Nantwich Area Management
  Group (how much, how well, is anyone better off), with quarterly figures.
- One draft "turn the curve" report, on child obesity.

Every figure follows from its series, its place and its date (each drawn from its
own random generator, seeded from those), so a load is reproducible and a later load
only adds the periods since, finalises what was provisional, and links the
strategies adopted since. Every value is checked by ``services.value_problems``, the
rules a board member's entry meets, before it is written; values are written in
bulk, with their history.
"""

import datetime
import random
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from pace.core.dates import financial_year_bounds, financial_year_label, financial_year_of
from partnerships.models import Body
from strategy.indicators import services
from strategy.indicators.models import (
    UNITS,
    CurveReport,
    Frequency,
    Geography,
    GeographyKind,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorValue,
    MeasureType,
    Unit,
    ValueStatus,
)
from strategy.indicators.models.indicators import next_period_end
from strategy.models import ActionPlan, Direction, Outcome, Priority, Strategy, StrategyStatus

from .partnership_data import AREAS

AUTHORITY = ("Cheshire East", "E06000049")
#: The example's strategies (a scale test's are left alone).
STRATEGY_SLUGS = "ambition-for-all-"
#: The year (the one a financial year ends in) that baselines are taken from: the
#: year before the 2017 refresh went live.
BASELINE_YEAR = 2017
#: How long after a year ends its figures are published.
PUBLISHED_AFTER = datetime.timedelta(days=183)
PROVISIONAL_NOTE = "Provisional: the publisher may revise it with the final figures."

#: Wards by area slug stem: (ward, how deprived it is next to Cheshire East as a
#: whole, 0 being the average; it sets where its figures sit).
WARDS = {
    "crewe-and-nantwich": [
        ("Crewe Central", 2.0),
        ("Crewe East", 1.2),
        ("Nantwich North and West", -0.3),
        ("Alsager", -0.4),
    ],
    "macclesfield": [
        ("Macclesfield Central", 0.9),
        ("Wilmslow West and Chorley", -1.4),
        ("Knutsford", -0.8),
        ("Poynton East and Pott Shrigley", -1.0),
    ],
    "congleton": [
        ("Congleton East", 0.2),
        ("Sandbach Town", 0.1),
    ],
}
#: The areas' deprivation on the same scale (their wards average out to these).
AREA_DEPRIVATION = {"crewe-and-nantwich": 0.45, "macclesfield": -0.3, "congleton": -0.1}

PHOF = (
    "Office for Health Improvement and Disparities: Public Health Outcomes Framework",
    "https://fingertips.phe.org.uk/profile/public-health-outcomes-framework",
)
RESIDENTS_SURVEY = (
    "Cheshire East Council residents' survey (illustrative)",
    "https://www.cheshireeast.gov.uk/",
)
PANDEMIC = "The pandemic's first year"


@dataclass(frozen=True)
class Series:
    """A population indicator and how its figures go: ``level`` in the baseline
    year, changing by ``slope`` a year, give or take ``noise``, with ``shocks`` in
    some years; its targets ask for ``ambition`` a year (none if ``None``)."""

    slug: str
    title: str
    definition: str
    unit: str
    places: int
    polarity: str
    source: tuple[str, str]
    owner: str
    outcome: int
    priorities: tuple[int, ...]
    first: int
    level: float
    slope: float
    noise: float
    ambition: float | None
    provisional: int = 1
    shocks: dict[int, tuple[float, str]] = field(default_factory=dict)
    #: How far a unit of deprivation moves the figure the worse way, for the areas
    #: and for the wards (none: not given for them).
    area_spread: float | None = None
    ward_spread: float | None = None


SERIES = [
    Series(
        slug="young-people-neet-16-17",
        title="16 and 17 year olds not in education, employment or training",
        definition="The share of 16 and 17 year olds living in Cheshire East who are not in "
        "education, employment or training, or whose activity is not known, on average "
        "over December to February.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.DOWN,
        source=(
            "Department for Education: participation in education, training and NEET age "
            "16 to 17 by local authority",
            "https://explore-education-statistics.service.gov.uk/find-statistics/"
            "participation-in-education-training-and-neet-age-16-to-17-by-local-authority",
        ),
        owner="learning-and-skills",
        outcome=1,
        priorities=(4,),
        first=2011,
        level=5.0,
        slope=-0.08,
        noise=0.12,
        ambition=-0.03,
    ),
    Series(
        slug="employment-rate-16-64",
        title="Employment rate, people aged 16 to 64",
        definition="The share of residents aged 16 to 64 in employment, from the Annual "
        "Population Survey for the year April to March.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.UP,
        source=(
            "Office for National Statistics: Annual Population Survey",
            "https://www.nomisweb.co.uk/sources/aps",
        ),
        owner="leaders-board",
        outcome=1,
        priorities=(2, 3),
        first=2011,
        level=76.5,
        slope=0.12,
        noise=0.45,
        ambition=0.3,
        shocks={2021: (-1.8, PANDEMIC), 2022: (-0.9, "")},
    ),
    Series(
        slug="children-in-low-income-families",
        title="Children in relative low income families",
        definition="The share of children under 16 living in households with less than 60% "
        "of the median income before housing costs, who receive benefits.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.DOWN,
        source=(
            "Department for Work and Pensions: children in low income families, local area "
            "statistics",
            "https://www.gov.uk/government/collections/"
            "children-in-low-income-families-local-area-statistics",
        ),
        owner="leaders-board",
        outcome=1,
        priorities=(4, 1),
        first=2015,
        level=11.8,
        slope=0.25,
        noise=0.3,
        ambition=-0.1,
    ),
    Series(
        slug="life-expectancy-at-birth-female",
        title="Life expectancy at birth (female)",
        definition="How long a girl born in the year could expect to live if the death rates "
        "of the three years to its end held throughout her life.",
        unit=Unit.YEARS,
        places=1,
        polarity=Direction.UP,
        source=PHOF,
        owner="health-and-wellbeing-board",
        outcome=2,
        priorities=(7, 6),
        first=2011,
        level=83.6,
        slope=0.04,
        noise=0.12,
        ambition=0.12,
        provisional=2,
        shocks={2021: (-0.7, PANDEMIC), 2022: (-0.4, "")},
        area_spread=2.5,
        ward_spread=2.5,
    ),
    Series(
        slug="year-6-obesity",
        title="Children in Year 6 living with obesity",
        definition="The share of children in Year 6 (aged 10 to 11) measured by the National "
        "Child Measurement Programme who are living with obesity, severe obesity included. "
        "The school year's figures are entered for the financial year ending in it.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.DOWN,
        source=(
            "Office for Health Improvement and Disparities: National Child Measurement Programme",
            "https://fingertips.phe.org.uk/profile/national-child-measurement-programme",
        ),
        owner="health-and-wellbeing-board",
        outcome=2,
        priorities=(7, 4),
        first=2011,
        level=17.2,
        slope=0.1,
        noise=0.3,
        ambition=-0.2,
        shocks={2021: (3.2, PANDEMIC + ": fewer children were measured"), 2022: (1.4, "")},
        area_spread=4.5,
        ward_spread=4.5,
    ),
    Series(
        slug="adults-physically-active",
        title="Adults who are physically active",
        definition="The share of adults (aged 19 and over) doing at least 150 minutes of "
        "moderate physical activity a week, from the survey year ending in November.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.UP,
        source=(
            "Sport England: Active Lives Adult Survey",
            "https://activelives.sportengland.org/",
        ),
        owner="health-and-wellbeing-board",
        outcome=2,
        priorities=(7,),
        first=2017,
        level=65.8,
        slope=0.45,
        noise=0.4,
        ambition=0.25,
        shocks={2021: (-2.6, PANDEMIC + ": sport and leisure centres closed"), 2022: (-1.0, "")},
    ),
    Series(
        slug="emergency-admissions-falls-65",
        title="Emergency hospital admissions due to falls, people aged 65 and over",
        definition="Emergency admissions to hospital for a fall of people aged 65 and over, a "
        "year, per 100,000 people of that age (directly age standardised).",
        unit=Unit.RATE_100000,
        places=0,
        polarity=Direction.DOWN,
        source=PHOF,
        owner="health-and-wellbeing-board",
        outcome=2,
        priorities=(6,),
        first=2011,
        level=2150,
        slope=-25,
        noise=40,
        ambition=-12,
        shocks={2021: (-260, PANDEMIC + ": fewer admissions of every kind"), 2022: (-90, "")},
        area_spread=250,
    ),
    Series(
        slug="households-in-fuel-poverty",
        title="Households in fuel poverty",
        definition="The share of households on a low income living in a home rated band D or "
        "below for energy efficiency (the low income, low energy efficiency measure). The "
        "calendar year's figures are entered for the financial year ending in the March after.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.DOWN,
        source=(
            "Department for Energy Security and Net Zero: sub-regional fuel poverty statistics",
            "https://www.gov.uk/government/collections/fuel-poverty-sub-regional-statistics",
        ),
        owner="leaders-board",
        outcome=2,
        priorities=(6, 5),
        # The measure in use since 2019's figures.
        first=2020,
        level=10.6,
        slope=-0.15,
        noise=0.2,
        ambition=-0.35,
        provisional=2,
        shocks={2023: (1.1, "The energy crisis: prices rose sharply"), 2024: (0.6, "")},
    ),
    Series(
        slug="smoking-prevalence-adults",
        title="Adults who smoke",
        definition="The share of adults (aged 18 and over) who say they smoke, from the "
        "Annual Population Survey.",
        unit=Unit.PERCENT,
        places=1,
        polarity=Direction.DOWN,
        source=(
            "Office for Health Improvement and Disparities: Local Tobacco Control Profiles",
            "https://fingertips.phe.org.uk/profile/tobacco-control",
        ),
        owner="health-and-wellbeing-board",
        outcome=2,
        priorities=(7,),
        first=2011,
        level=11.8,
        slope=-0.2,
        noise=0.25,
        ambition=-0.1,
    ),
    Series(
        slug="residents-influencing-decisions",
        title="Residents who feel they can influence decisions affecting their area",
        definition="The share of residents answering the council's residents' survey who "
        "agree they can influence decisions affecting their local area.",
        unit=Unit.PERCENT,
        places=0,
        polarity=Direction.UP,
        source=RESIDENTS_SURVEY,
        owner="leaders-board",
        outcome=3,
        priorities=(1,),
        first=2014,
        level=27,
        slope=0.6,
        noise=0.5,
        ambition=0.25,
    ),
    Series(
        slug="residents-volunteering",
        title="Residents who volunteered in the last month",
        definition="The share of residents answering the council's residents' survey who "
        "gave unpaid help to a group, club or organisation in the last month. The "
        "strategies set no target for it.",
        unit=Unit.PERCENT,
        places=0,
        polarity=Direction.UP,
        source=RESIDENTS_SURVEY,
        owner="leaders-board",
        outcome=3,
        priorities=(1,),
        first=2014,
        level=21,
        slope=-0.2,
        noise=0.6,
        ambition=None,
        shocks={2021: (2.0, "Mutual aid groups in the pandemic's first year")},
    ),
]


@dataclass(frozen=True)
class Gauge:
    """A performance measure of a plan, with its figure for each quarter: ``level``
    in 2017, changing by ``growth`` a year, give or take ``noise``; its target for
    the plan's end is the level it should reach then (none if ``None``)."""

    stem: str
    title: str
    definition: str
    measure_type: str
    unit: str
    places: int
    polarity: str
    level: float
    growth: float
    noise: float
    target: float | None


#: Measures by the body whose plans they belong to: (the area's slug stem it is for,
#: or None for all of Cheshire East; its measures).
GAUGES = {
    "health-and-wellbeing-board": (
        None,
        [
            Gauge(
                "falls-assessments",
                "Older people given a falls prevention assessment",
                "People aged 65 and over assessed by the community falls service in the quarter.",
                MeasureType.HOW_MUCH,
                Unit.NUMBER,
                0,
                Direction.UP,
                level=260,
                growth=8,
                noise=22,
                target=360,
            ),
            Gauge(
                "falls-assessments-within-four-weeks",
                "Falls assessments within four weeks of referral",
                "The share of the quarter's falls assessments made within four weeks of the "
                "referral.",
                MeasureType.HOW_WELL,
                Unit.PERCENT,
                1,
                Direction.UP,
                level=78,
                growth=0.6,
                noise=2.5,
                target=90,
            ),
            Gauge(
                "falls-no-further-fall",
                "People assessed with no fall needing hospital care in six months",
                "Of the people assessed in the quarter six months before, the share with no "
                "fall that needed hospital care since.",
                MeasureType.BETTER_OFF,
                Unit.PERCENT,
                1,
                Direction.UP,
                level=84,
                growth=0.3,
                noise=1.5,
                target=85,
            ),
        ],
    ),
    "learning-and-skills": (
        None,
        [
            Gauge(
                "neet-advisers",
                "Young people not in education, employment or training given an adviser",
                "Young people aged 16 to 18 not in education, employment or training who were "
                "given a personal adviser in the quarter.",
                MeasureType.HOW_MUCH,
                Unit.NUMBER,
                0,
                Direction.UP,
                level=55,
                growth=1.5,
                noise=7,
                target=75,
            ),
            Gauge(
                "neet-seen-within-ten-days",
                "Young people who met their adviser within ten working days",
                "The share of the quarter's young people who met their personal adviser within "
                "ten working days of referral.",
                MeasureType.HOW_WELL,
                Unit.PERCENT,
                0,
                Direction.UP,
                level=72,
                growth=0.8,
                noise=3,
                target=85,
            ),
            Gauge(
                "neet-in-education-or-work-after",
                "Young people in education, employment or training three months on",
                "Of the young people given an adviser in the quarter three months before, the "
                "share now in education, employment or training.",
                MeasureType.BETTER_OFF,
                Unit.PERCENT,
                0,
                Direction.UP,
                level=61,
                growth=0.5,
                noise=3,
                target=60,
            ),
        ],
    ),
    "crewe-and-nantwich-area-management-group": (
        "crewe-and-nantwich",
        [
            Gauge(
                "participatory-budgeting-votes",
                "Residents voting in participatory budgeting",
                "Residents of the area who voted on projects in the quarter's participatory "
                "budgeting events, in person or online.",
                MeasureType.HOW_MUCH,
                Unit.NUMBER,
                0,
                Direction.UP,
                level=380,
                growth=15,
                noise=45,
                target=None,
            ),
            Gauge(
                "participants-had-a-say",
                "Participants who say they had a say in how money is spent in their area",
                "The share of the quarter's participatory budgeting voters answering its "
                "follow-up survey who agree they had a say in how money is spent in their area.",
                MeasureType.BETTER_OFF,
                Unit.PERCENT,
                0,
                Direction.UP,
                level=68,
                growth=0.7,
                noise=3,
                target=80,
            ),
        ],
    ),
}

CURVE_REPORT = {
    "title": "Turning the curve on childhood obesity",
    "story": "One child in six in Year 6 was living with obesity before the pandemic, and "
    "one in five after it; in Crewe Central it is more than one in four, in Wilmslow about "
    "one in nine. The children measured in 2020/21 had spent months at home with clubs, "
    "sport and school meals stopped. The gap between our most and least deprived wards "
    "has not narrowed since.",
    "partners": "Schools and the School Nursing service; Everybody Sport and Recreation; the "
    "Area Boards, which fund local activity through participatory budgeting; the food bank "
    "and community cafés; Cheshire and Merseyside Integrated Care Board.",
    "what_works": "Whole-school approaches that add activity to every school day; family "
    "weight management offered close to home; healthier food near schools; activity that "
    "costs families nothing in the holidays.",
    "action_plan": "Offer every primary school in Crewe and Macclesfield Central the daily "
    "active mile by September; a holiday activities and food programme in every Area Board "
    "area; report the Year 6 figures by ward to the board every year.",
}


def _noise(*parts) -> random.Random:
    return random.Random(zlib.crc32("/".join(map(str, parts)).encode()))


def _quantise(figure: float, unit: str, places: int) -> Decimal:
    spec = UNITS[unit]
    if spec.low is not None:
        figure = max(figure, float(spec.low))
    if spec.high is not None:
        figure = min(figure, float(spec.high))
    return Decimal(f"{figure:.{places}f}")


def series_value(series: Series, year: int, place: Geography, deprivation: float) -> Decimal:
    """``series``' figure for ``place`` for the financial year ending 31 March of
    ``year``."""
    spread = {
        GeographyKind.AREA: series.area_spread,
        GeographyKind.WARD: series.ward_spread,
    }.get(place.kind) or 0
    worse = 1 if series.polarity == Direction.DOWN else -1
    # Smaller places' figures rest on fewer people, so they jump about more.
    scatter = {GeographyKind.AUTHORITY: 1, GeographyKind.AREA: 1.5}.get(place.kind, 3)
    rng = _noise(series.slug, place.slug, year)
    figure = (
        series.level
        + series.slope * (year - BASELINE_YEAR)
        + series.shocks.get(year, (0, ""))[0]
        + worse * spread * deprivation
        + rng.uniform(-1, 1) * series.noise * scatter
    )
    return _quantise(figure, series.unit, series.places)


def gauge_value(gauge: Gauge, on: datetime.date) -> Decimal:
    rng = _noise(gauge.stem, on.isoformat())
    years = (on - datetime.date(BASELINE_YEAR, 3, 31)).days / 365.25
    figure = gauge.level + gauge.growth * years + rng.uniform(-1, 1) * gauge.noise
    return _quantise(figure, gauge.unit, gauge.places)


def latest_year(today: datetime.date) -> int:
    """The last year (the one a financial year ends in) whose figures are out."""
    return financial_year_of(today - PUBLISHED_AFTER)


def quarter_ends(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    ends, end = [], next_period_end(Frequency.QUARTERLY, starts_on)
    while end <= ends_on:
        ends.append(end)
        end = next_period_end(Frequency.QUARTERLY, end + datetime.timedelta(days=1))
    return ends


@transaction.atomic
def load() -> dict[str, int]:
    today = timezone.localdate()
    authority, deprivation = _places()
    places = {g.pk: g for g in Geography.objects.all()}
    writer = Writer(today, places)
    bodies = Body.objects.in_bulk({s.owner for s in SERIES} | set(GAUGES), field_name="slug")
    strategies = list(
        Strategy.objects.filter(slug__startswith=STRATEGY_SLUGS).order_by("starts_on")
    )
    ours = [places[pk] for pk in deprivation]
    last = latest_year(today)
    for series in SERIES:
        if series.owner not in bodies:
            continue
        indicator = _population_indicator(series, authority, bodies[series.owner], strategies)
        if series.ambition is not None:
            _targets(indicator, series, strategies)
        spreads = {
            GeographyKind.AUTHORITY: 0,
            GeographyKind.AREA: series.area_spread,
            GeographyKind.WARD: series.ward_spread,
        }
        writer.values(
            indicator,
            [
                (
                    place,
                    datetime.date(year, 3, 31),
                    series_value(series, year, place, deprivation[place.pk]),
                    year > last - series.provisional,
                    series.shocks.get(year, (0, ""))[1],
                )
                for place in ours
                if spreads[place.kind] is not None
                for year in range(series.first, last + 1)
            ],
        )
    _measures(today, writer, places, authority)
    _curve_report()
    writer.flush()
    return {
        "places": Geography.objects.count(),
        "indicators": Indicator.objects.count(),
        "indicator targets": IndicatorTarget.objects.count(),
        "indicator values": IndicatorValue.objects.count(),
    }


def _places() -> tuple[Geography, dict[int, float]]:
    """Cheshire East, its Area Board areas and their wards, made once: the first,
    and how deprived each is by id."""
    name, code = AUTHORITY
    authority = _place(name, GeographyKind.AUTHORITY, code=code)
    deprivation = {authority.pk: 0.0}
    for stem, area_name, _towns in AREAS:
        board = Body.objects.filter(slug=f"{stem}-area-board").first()
        area = _place(
            board.area_name if board else area_name,
            GeographyKind.AREA,
            parent=authority,
            body=board,
        )
        deprivation[area.pk] = AREA_DEPRIVATION[stem]
        for ward, depth in WARDS[stem]:
            deprivation[_place(ward, GeographyKind.WARD, parent=area).pk] = depth
    return authority, deprivation


def _place(name, kind, *, parent=None, code="", body=None) -> Geography:
    place = Geography.objects.filter(slug=slugify(name)).first()
    if place is None:
        place = services.geography_save(
            geography=Geography(
                name=name, slug=slugify(name), kind=kind, parent=parent, code=code, body=body
            )
        )
    return place


def _population_indicator(
    series: Series, authority: Geography, owner: Body, strategies: list[Strategy]
) -> Indicator:
    """The indicator of ``series``, made once, linked to its outcome and priorities
    in every strategy (those adopted since it was made too)."""
    indicator = Indicator.objects.filter(slug=series.slug).first()
    if indicator is None:
        baseline_year = max(series.first, BASELINE_YEAR)
        name, url = series.source
        indicator = services.indicator_save(
            indicator=Indicator(
                kind=IndicatorKind.POPULATION,
                title=series.title,
                slug=series.slug,
                definition=series.definition,
                unit=series.unit,
                decimal_places=series.places,
                polarity=series.polarity,
                frequency=Frequency.ANNUAL,
                source=name,
                source_url=url,
                geography=authority,
                owner=owner,
                baseline=series_value(series, baseline_year, authority, 0.0),
                baseline_on=datetime.date(baseline_year, 3, 31),
            )
        )
    ids = [s.pk for s in strategies]
    _link(
        indicator.outcomes,
        Outcome.objects.filter(strategy__in=ids, position=series.outcome),
    )
    _link(
        indicator.priorities,
        Priority.objects.filter(strategy__in=ids, position__in=series.priorities),
    )
    return indicator


def _link(related, wanted) -> None:
    """Add what ``related`` lacks of ``wanted``, if anything (adding nothing would
    still write a history record)."""
    missing = set(wanted.values_list("pk", flat=True)) - set(related.values_list("pk", flat=True))
    if missing:
        related.add(*sorted(missing))


def _targets(indicator: Indicator, series: Series, strategies: list[Strategy]) -> None:
    """A target for the end of each strategy from the 2017 refresh on, adopted (not
    one out for consultation), on the line its ambition draws from the baseline."""
    have = set(indicator.targets.values_list("target_on", flat=True))
    direction = "rise" if series.ambition > 0 else "fall"
    step = f"{abs(series.ambition):g}"
    unit = {Unit.PERCENT: "percentage points", Unit.YEARS: "years"}.get(
        series.unit, Unit(series.unit).label
    )
    for strategy in strategies:
        by = strategy.ends_on
        if (
            strategy.starts_on.year < BASELINE_YEAR
            or strategy.status not in (StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED)
            or by <= indicator.baseline_on
            or by in have
        ):
            continue
        years = (by - indicator.baseline_on).days / 365.25
        value = _quantise(
            float(indicator.baseline) + series.ambition * years, series.unit, series.places
        )
        services.indicator_target_save(
            target=IndicatorTarget(
                indicator=indicator,
                target_on=by,
                value=value,
                note=f"{strategy.title}: a {direction} of {step} {unit} a year from the "
                f"{financial_year_label(indicator.baseline_on.year - 1)} baseline.",
            )
        )


class Writer:
    """Values to write, checked as an entry would be; written in bulk at the end."""

    def __init__(self, today: datetime.date, places: dict[int, Geography]) -> None:
        self.today, self.places, self.pending = today, places, []

    def values(self, indicator: Indicator, rows) -> None:
        """``rows``: (place, period end, value, provisional, note). Those the
        indicator has are left as they are, except that a provisional value no
        longer in the provisional years is made final."""
        have = {
            (g, d): (pk, status)
            for pk, g, d, status in indicator.values.values_list(
                "pk", "geography_id", "period_end", "status"
            )
        }
        for place, period_end, value, provisional, note in rows:
            status = ValueStatus.PROVISIONAL if provisional else ValueStatus.FINAL
            existing = have.get((place.pk, period_end))
            if existing is not None:
                pk, was = existing
                if was == ValueStatus.PROVISIONAL and status == ValueStatus.FINAL:
                    made_final = IndicatorValue.objects.get(pk=pk)
                    made_final.status = ValueStatus.FINAL
                    made_final.note = note
                    services.indicator_value_save(value=made_final, today=self.today)
                continue
            problems = services.value_problems(
                indicator=indicator,
                geography=place,
                period_end=period_end,
                value=value,
                today=self.today,
                places=self.places,
            )
            if problems:
                raise ValueError(f"{indicator.slug}, {place}, {period_end}: {problems}")
            self.pending.append(
                IndicatorValue(
                    indicator=indicator,
                    geography=place,
                    period_end=period_end,
                    value=value,
                    status=status,
                    note=PROVISIONAL_NOTE if provisional else note,
                )
            )

    def flush(self) -> None:
        if self.pending:
            bulk_create_with_history(self.pending, IndicatorValue, batch_size=500)
        self.pending = []


def _measures(
    today: datetime.date, writer: Writer, places: dict[int, Geography], authority: Geography
) -> None:
    """The measures of this year's and last year's plans of the bodies in
    ``GAUGES``, with a value for each quarter of the plan's year that has ended."""
    by_slug = {p.slug: p for p in places.values()}
    this_year = financial_year_of(today)
    plans = ActionPlan.objects.filter(
        body__slug__in=list(GAUGES),
        strategy__slug__startswith=STRATEGY_SLUGS,
        starts_on__in=[financial_year_bounds(y)[0] for y in (this_year - 1, this_year)],
    ).select_related("body")
    for plan in plans:
        area, gauges = GAUGES[plan.body.slug]
        place = by_slug[area] if area else authority
        year = financial_year_of(plan.starts_on)
        label = financial_year_label(year)
        before = plan.starts_on - datetime.timedelta(days=1)
        for gauge in gauges:
            slug = f"{plan.body.slug}-{label.replace('/', '-')}-{gauge.stem}"
            indicator = Indicator.objects.filter(slug=slug).first()
            if indicator is None:
                indicator = services.indicator_save(
                    indicator=Indicator(
                        kind=IndicatorKind.PERFORMANCE,
                        title=f"{gauge.title} ({label})",
                        slug=slug,
                        definition=gauge.definition,
                        unit=gauge.unit,
                        decimal_places=gauge.places,
                        polarity=gauge.polarity,
                        frequency=Frequency.QUARTERLY,
                        source=f"{plan.body.name}: records of the plan's work",
                        geography=place,
                        owner=plan.body,
                        plan=plan,
                        measure_type=gauge.measure_type,
                        baseline=gauge_value(gauge, before),
                        baseline_on=before,
                    )
                )
                if gauge.target is not None:
                    services.indicator_target_save(
                        target=IndicatorTarget(
                            indicator=indicator,
                            target_on=plan.ends_on,
                            value=_quantise(gauge.target, gauge.unit, gauge.places),
                            note=f"Set in {plan.title}.",
                        )
                    )
            ended = [q for q in quarter_ends(plan.starts_on, plan.ends_on) if q <= today]
            writer.values(
                indicator,
                [(place, q, gauge_value(gauge, q), q == ended[-1], "") for q in ended],
            )


def _curve_report() -> None:
    """A draft turn-the-curve report by the Health and Wellbeing Board, once."""
    indicator = Indicator.objects.filter(slug="year-6-obesity").first()
    if indicator is None or indicator.curve_reports.exists():
        return
    plan = (
        ActionPlan.objects.filter(body=indicator.owner, strategy__slug__startswith=STRATEGY_SLUGS)
        .order_by("-starts_on")
        .first()
    )
    report = CurveReport(indicator=indicator, body=indicator.owner, plan=plan, **CURVE_REPORT)
    report.full_clean()
    report.save()
