"""Run one queued job in a fresh process (as a Celery worker process would) and print what it cost:
wall time, peak resident memory of the process, and the number of SQL queries. Used by bench/jobs.py."""
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

from django.db import connection  # noqa: E402

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
print(json.dumps({"state": job.state, "error": job.error[:300], "seconds": round(elapsed, 2), "queries": queries,
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "done": job.done}))
