"""The Celery application: `celery -A povertyplan worker` and `celery -A povertyplan beat` (see README)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "povertyplan.settings")

app = Celery("povertyplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["povertyplan"])
