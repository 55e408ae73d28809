"""The agreement's protocols (partnership agreement 3.2d, 3.5g-h, 7): complaints about
the partnership's joint work and whistle-blowing reports, received from anyone,
routed by the bodies' terms of reference and handled in confidence; disputes
between bodies, referred to the Leaders Board, with its decision.

Owns: ``models`` (``Complaint``, ``WhistleblowingReport``, ``Dispute``), the routing
rule (``routing.route_for``), who may read them (``access``), the writes
(``services``), the public forms and the members' cases page (``views``), the
officers' admin, and the duty that forgets senders' names and addresses.

May import: ``pace.core``, ``pace.notifications``, ``partnerships``, ``strategy``,
``funding``; never ``pace.reports`` or ``pace.site`` (``make lint`` checks).
"""
