"""Query counts shared by several tests, pinned in one place."""

#: A body's page for an anonymous visitor: the partnerships app's own (the body, its
#: chain, bodies below, its relations both ways, its wards, members, upcoming and
#: past meetings: 8), the
#: strategy's plans panel (plans, roll-up, exception reports, and the rating mix at
#: each quarter end for its chart, strategy/trends.py: 4), its consultations
#: panel (1), funding's grants panel (1) and the reports' panel (2: whether this
#: year's annual report has anything to report, so that it is offered only then, and
#: the annual reports as presented). Pages of other apps add a body panel here, so
#: this is the number to change, with the reason, when one is added.
BODY_PAGE = 16

#: The page of a body that raises or receives referrals of local needs (an Area
#: Board; a thematic board or group, the Leaders Board) adds the referrals' panel:
#: the latest it raised or received that the reader may see (1).
REFERRALS_PANEL = 1

#: An Area Board's page adds funding's panel of what it decided: the latest grants
#: it decided with their count and total (1), and the participatory budgeting rounds
#: it ran (1); and the referrals it raised.
AREA_BOARD_PAGE = BODY_PAGE + 2 + REFERRALS_PANEL

#: The home page for an anonymous visitor (pace/site/home.py): the strategy in force
#: (1), what is coming (upcoming meetings, open consultations, participatory budgeting
#: rounds in progress: 3) and what has just happened (decisions, grants, reports: 3);
#: then the strategy's outcomes, its priorities, their roll-up for the chart and the
#: strategy that refreshes it (4).
HOME_PAGE = 1 + 3 + 3 + 4

#: A priority's page for an anonymous visitor: the priority, its roll-up, the
#: rating mix at each quarter end for its chart (1), and its actions a page at a
#: time (the count, the page's keys and their rows: 3).
PRIORITY_PAGE = 3 + 3

#: What a signed-in visitor adds: the session, the user, and their bodies (or an
#: officer's permissions).
SIGNED_IN = 3
