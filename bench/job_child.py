"""Run one queued job in a fresh process (as a Celery worker process would) and print what it cost:
wall time, CPU time of the process (what load on a shared machine distorts least), peak resident memory of the
process, and the number of SQL queries. Used by bench/jobs.py."""
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "povertyplan.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

# A worker runs with DEBUG off; with it on, Django keeps the text of every query (a bulk INSERT of 2,000 rows is
# about a megabyte) in connection.queries, and the peak memory measured would be that log's.
settings.DEBUG = False

from povertyplan.jobs.services import job_run  # noqa: E402

queries = 0


def count(execute, sql, params, many, context):
    global queries
    queries += 1
    return execute(sql, params, many, context)


job_id = int(sys.argv[1])
with connection.execute_wrapper(count):
    started = time.monotonic()
    job = job_run(job_id)
    elapsed = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"state": job.state, "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
                  "error": job.error[:300], "seconds": round(elapsed, 2), "queries": queries,
                  "peak_mb": round(usage.ru_maxrss / 1024, 1),
                  "done": job.done}))
