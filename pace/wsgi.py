import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pace.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URLconf: over a hundred thousand
# objects) lives as long as the process. Freezing it keeps the garbage collector from
# scanning it again in every full collection, which a request that builds many
# objects sets off several times: the structure page at 10,000 bodies took a third
# longer without this (tests/bench), enough to grow faster than the tree.
gc.collect()
gc.freeze()
