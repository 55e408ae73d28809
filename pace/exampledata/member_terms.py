"""Terms of office that begin and end: who held each seat of the example before the
person who holds it on the day of loading.

A seat's present holder is the one ``partnership_data`` and ``member_data`` name.
Most seats changed hands once or twice since the structure began in 2016: the
people before are drawn from the lists below with a fixed seed (the seat's body
and holder), so every load makes the same people for the same day. A few seats
stood empty between holders (the members on a date in that gap show one fewer),
and one is empty on the day of loading (``VACANT``): the partnership's pages list
members, not seats, so a vacancy is a member missing from the list of that date.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

DAY = datetime.timedelta(days=1)

#: Seats whose holders other examples name from 2016 (the Leaders Board's first
#: meeting, the participatory budgeting results, the strategy's action owners, the
#: demonstration login): they hold their seat from the start.
KEEP = frozenset(
    {
        "alex-marsh",
        "priya-desai",
        "daniel-hughes",
        "helen-barker",
        "imran-shah",
        "nadia-lowe",
        "nadia-evans",
        "nadia-carter",
    }
)

#: (body slug, present holder's slug): the seat is empty on the day of loading;
#: its holder left four months before.
VACANT = frozenset({("macclesfield-area-management-group", "callum-reid")})
VACANT_FOR = datetime.timedelta(days=120)

FIRST_NAMES = [
    "Abigail",
    "Adrian",
    "Aisha",
    "Alan",
    "Amrit",
    "Andrew",
    "Angela",
    "Anwar",
    "Barbara",
    "Bilal",
    "Brian",
    "Carol",
    "Catrin",
    "Chidi",
    "Colette",
    "Craig",
    "Dawn",
    "Deborah",
    "Declan",
    "Dennis",
    "Eleanor",
    "Emeka",
    "Emma",
    "Eric",
    "Fatima",
    "Frances",
    "Gail",
    "Geoffrey",
    "Gillian",
    "Hamza",
    "Heather",
    "Hugh",
    "Ifeoma",
    "Irene",
    "Ivan",
    "Jacqueline",
    "Jasmin",
    "Joanne",
    "Julian",
    "Karen",
    "Keith",
    "Kofi",
    "Lesley",
    "Linda",
    "Lorraine",
    "Malcolm",
    "Mandeep",
    "Marion",
    "Maureen",
    "Mei",
    "Michelle",
    "Moira",
    "Naveed",
    "Neville",
    "Niamh",
    "Oliver",
    "Pamela",
    "Patrick",
    "Pauline",
    "Philip",
    "Rhian",
    "Robert",
    "Rosemary",
    "Sadia",
    "Sandra",
    "Shaun",
    "Shirley",
    "Stuart",
    "Tariq",
    "Teresa",
    "Valerie",
    "Vikram",
    "Wendy",
    "Yusuf",
]
SURNAMES = [
    "Abbott",
    "Acheampong",
    "Ainsworth",
    "Bailey",
    "Bancroft",
    "Bhatt",
    "Bostock",
    "Bradshaw",
    "Brereton",
    "Buckley",
    "Chadwick",
    "Chowdhury",
    "Cooke",
    "Crompton",
    "Dale",
    "Davenport",
    "Dixon",
    "Eccleston",
    "Entwistle",
    "Fairclough",
    "Fletcher",
    "Gibbons",
    "Goodwin",
    "Greenhalgh",
    "Hadfield",
    "Hargreaves",
    "Heywood",
    "Holt",
    "Hopkins",
    "Hussey",
    "Jackson",
    "Jennings",
    "Kaur",
    "Kenyon",
    "Kirkham",
    "Latham",
    "Leigh",
    "Lomax",
    "Lyons",
    "Mahmood",
    "Mather",
    "McAllister",
    "Mellor",
    "Moran",
    "Needham",
    "Nowak",
    "Nuttall",
    "Ogden",
    "Okonkwo",
    "Parr",
    "Pennington",
    "Platt",
    "Quayle",
    "Rigby",
    "Rowley",
    "Sadler",
    "Sharples",
    "Singh",
    "Slater",
    "Stubbs",
    "Swindells",
    "Thorley",
    "Tomlinson",
    "Unsworth",
    "Vernon",
    "Wardle",
    "Whittaker",
    "Woodcock",
    "Worthington",
    "Yates",
]


@dataclass(frozen=True)
class Term:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date | None


class Names:
    """Fictional names for the people before, in the same order on every load and
    none repeated. Two loaders take from the sequence without meeting (``parity``
    0 and 1): each has its own half of the surnames. Each round gives every first
    name once, with a surname it has not had before, so the first names are used
    evenly and a name comes once (for 35 rounds of every first name)."""

    def __init__(self, parity: int = 0) -> None:
        rng = random.Random(2016)
        self._firsts = list(dict.fromkeys(FIRST_NAMES))
        rng.shuffle(self._firsts)
        surnames = list(dict.fromkeys(SURNAMES))
        rng.shuffle(surnames)
        half = len(surnames) // 2
        self._surnames = surnames[half * parity : half * (parity + 1)]
        self._offset = parity * len(self._firsts) // 2
        self._next = 0

    def take(self) -> str:
        rounds, k = divmod(self._next, len(self._firsts))
        self._next += 1
        first = self._firsts[(k + self._offset) % len(self._firsts)]
        return f"{first} {self._surnames[(k + rounds) % len(self._surnames)]}"


def terms(
    *,
    body: str,
    holder: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    names: Names,
    today: datetime.date | None = None,
) -> list[Term]:
    """The terms of one seat, oldest first, the last ``holder``'s. A seat with an
    end already set, or one whose holder others name, keeps its one term."""
    today = today or timezone.localdate()
    slug = slugify(holder)
    vacant = (body, slug) in VACANT
    if ends_on is not None or slug in KEEP:
        return [Term(holder, starts_on, ends_on)]
    rng = random.Random(f"{body}|{slug}")
    out: list[Term] = []
    start = starts_on
    # A third of the seats kept their first holder; the others changed every two to
    # five years, the last change at least a season before the day of loading.
    if rng.random() >= 1 / 3:
        while True:
            end = start + datetime.timedelta(days=rng.randint(2 * 365, 5 * 365))
            if end >= today - datetime.timedelta(days=150):
                break
            out.append(Term(names.take(), start, end))
            # A seat stood empty for a while only where enough others sat to be
            # quorate without it.
            roomy = body == "assembly" or body.endswith("-area-management-group")
            gap = rng.randint(60, 200) if roomy and rng.random() < 0.3 else 0
            start = min(end + DAY * (1 + gap), today - datetime.timedelta(days=60))
    if vacant:
        left = max(start, today - VACANT_FOR)
        return [*out, Term(holder, start, left)]
    return [*out, Term(holder, start, None)]
