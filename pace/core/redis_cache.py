"""Django's Redis cache, with one Redis client per connection pool kept rather than
made for every command.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` makes a new
``redis.Redis`` for each command, and each one builds its table of some 170
response callbacks: about a quarter of a millisecond of CPU, measured on this
machine, for a command that takes a tenth of that on the wire. A page served from
the page cache makes one or two commands, and a page kept for a signed-in reader
three or four, so that was most of what a hit cost beyond the ceiling. A client
shares its pool's connections safely between threads, as the pool does; Django
makes a cache backend, and so this client, for each thread anyway."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}  # by the id of the pool Django made, which it keeps

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    """``RedisCache`` whose client keeps one ``redis.Redis`` per server."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _SharedClient

    def validate_key(self, key) -> None:
        """Nothing to check: Redis takes any key. Django's warnings about keys that
        memcached would refuse read each key a character at a time, and a hit on a
        stored page reads the versions of the twenty-odd tables it was made from:
        about a tenth of a millisecond of a hit that costs one."""
