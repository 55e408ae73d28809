"""What PACE sends: e-mail through a task queue, so no request waits on it.

Owns: the outbox (``models.Message``: every message, its state, its attempts and its
last error, which officers see in the admin), ``services.message_queue`` (the one way
to send anything: rendered from a template in plain text and HTML, kept in the
outbox, delivered by the worker after the sender's transaction commits) and the
delivery task with its retries (``tasks``).

May import: ``pace.core`` only. The apps above it decide who is told what, and call
``message_queue``; ``make lint`` checks.
"""
