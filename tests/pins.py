"""Query counts shared by several tests, pinned in one place."""

#: A body's page for an anonymous visitor: the partnerships app's own (the body, its
#: chain, bodies below, links, members, upcoming and past meetings: 7), the
#: strategy's plans panel (plans, roll-up, exception reports: 3), its consultations
#: panel (1), funding's grants panel (1) and the reports' panel of annual reports
#: as presented (1). Pages of other apps add a body panel here, so this is the
#: number to change, with the reason, when one is added.
BODY_PAGE = 13

#: What a signed-in visitor adds: the session, the user, and their bodies (or an
#: officer's permissions).
SIGNED_IN = 3
