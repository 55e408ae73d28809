"""Sessions in the database, read through the shared cache (``SESSION_ENGINE`` when
``CACHE_URL`` is Redis: ``pace.settings.session_engine_for``).

Django's ``cached_db`` engine, so that a signed-in page reads its session from
Redis rather than with a query, with two changes for when the cache cannot be
reached:

- reading a session the cache has not got, then failing to put it there, still
  reads it, and a new session (signing in) is still made (Django's engine would
  answer both with a server error);
- ending a session (signing out, or being signed out after too long idle) takes it
  out of the cache before the database, and fails if the cache cannot be reached.
  Django's does it the other way round: a cache out of reach for a moment would
  keep a copy of the session that the database no longer has, and the person
  would be signed in again when it came back, though told they were signed out.
  Signing in, which gives the session a new key, still works then: the old key
  held no sign-in, or at most the same person's.

Every app server must share the cache: one in each process would let one server
go on serving a session another had ended.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.exception("Could not read a session from the cache")
            data = None
        if data is not None:
            return data
        row = self._get_session_from_db()
        if row is None:
            return {}
        data = self.decode(row.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception:
            logger.exception("Could not keep a session in the cache")
        return data

    def exists(self, session_key):
        """Whether ``session_key`` is taken (a new session's key must not be)."""
        try:
            if session_key and self.cache_key_prefix + session_key in self._cache:
                return True
        except Exception:
            logger.exception("Could not look for a session in the cache")
        return super(cached_db.SessionStore, self).exists(session_key)

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            if session_key == self.session_key:
                raise  # ending this session: never leave a copy that signs in
            # The key a session had before signing in gave it a new one (``cycle_key``):
            # a copy left in the cache holds no sign-in, or the same person's.
            logger.exception("Could not take an old session key out of the cache")
        super(cached_db.SessionStore, self).delete(session_key)
