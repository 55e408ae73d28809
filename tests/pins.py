"""Query counts shared by several tests, pinned in one place."""

#: A body's page for an anonymous visitor: the partnerships app's own (the body, its
#: chain, bodies below, links, members, upcoming and past meetings: 7), the
#: strategy's plans panel (plans, roll-up, exception reports: 3), its consultations
#: panel (1), funding's grants panel (1) and the reports' panel (2: whether this
#: year's annual report has anything to report, so that it is offered only then, and
#: the annual reports as presented). Pages of other apps add a body panel here, so
#: this is the number to change, with the reason, when one is added.
BODY_PAGE = 14

#: An Area Board's page adds funding's panel of what it decided: the latest grants
#: it decided with their count and total (1), and the participatory budgeting rounds
#: it ran (1).
AREA_BOARD_PAGE = BODY_PAGE + 2

#: What a signed-in visitor adds: the session, the user, and their bodies (or an
#: officer's permissions).
SIGNED_IN = 3
