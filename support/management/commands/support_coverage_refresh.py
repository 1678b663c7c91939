"""Recount the kept coverage of every village for today (run each night by the beat scheduler: ages, the
newly-escaped window and the period move with the calendar; see support.coverage)."""
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from povertyplan.models import AdministrativeUnit
from support.coverage import coverage_refresh_all


class Command(BaseCommand):
    help = "Đếm lại số liệu độ bao phủ giữ sẵn của mọi thôn cho ngày hôm nay."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="chỉ các thôn thuộc đơn vị có mã này")

    def handle(self, *args, unit=None, **options):
        root = AdministrativeUnit.objects.get(code=unit) if unit else None
        started = time.monotonic()
        with transaction.atomic():
            count = coverage_refresh_all(unit=root)
        self.stdout.write(f"{count} thôn, {time.monotonic() - started:.1f} s")
