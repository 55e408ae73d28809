"""The pages that gather every app: home, search, the signed-in dashboard, the
accessibility statement, the sign-in form, the health check and the wards' pages
(``wards``: what names a ward, across the partnership, funding and strategy apps).

Owns: no models; the search indexes' migration (PostgreSQL) and what search looks
through (``search_sources``).

May import: every other app. It is the top of the layer contract (``make lint``):
nothing but the project's URLs imports it.
"""
