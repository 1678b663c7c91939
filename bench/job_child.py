"""Run one queued job in a fresh process (as a Celery worker process would) and print what it cost:
wall time, CPU time (what load on a shared machine does not inflate), peak resident memory of the
process (ru_maxrss: Django's own start-up included), the number of SQL queries and their time (the
statements' execution; rows fetched later from a server-side cursor are not in it). Used by bench/jobs.py."""
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
sql_seconds = 0.0


def count(execute, sql, params, many, context):
    global queries, sql_seconds
    queries += 1
    started = time.monotonic()
    try:
        return execute(sql, params, many, context)
    finally:
        sql_seconds += time.monotonic() - started


job_id = int(sys.argv[1])
with connection.execute_wrapper(count):
    started, cpu = time.monotonic(), time.process_time()
    job = job_run(job_id)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
print(json.dumps({"state": job.state, "error": job.error[:300], "seconds": round(elapsed, 2), "queries": queries,
                  "cpu_seconds": round(cpu, 2), "sql_seconds": round(sql_seconds, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "done": job.done}))
