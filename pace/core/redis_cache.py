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
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class SharedClientRedisCache(RedisCache):
    """``RedisCache`` whose client keeps one ``redis.Redis`` per server."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _SharedClient
