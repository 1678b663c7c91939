"""Read replica for exports and dashboards (off by default: set READ_REPLICA_URL to turn it on).

Reads go to "replica" only outside a transaction, so a service that reads then writes sees its own
rows; everything else (writes, migrations, reads in a transaction) stays on "default". A replica
lags a little: an export started right after an import may miss the last seconds of changes.
"""
from django.db import transaction


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if transaction.get_connection("default").in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
