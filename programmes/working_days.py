"""Working days (ngày làm việc): Monday to Friday, minus the public holidays of the PublicHoliday table,
plus the Saturdays it lists as made-up working days. One place for every "N ngày làm việc" rule."""
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Calendar:
    days_off: frozenset
    extra_working_days: frozenset = frozenset()

    @classmethod
    def load(cls):
        """The whole table (a few hundred rows), read once per request or command."""
        from programmes.models import PublicHoliday

        rows = list(PublicHoliday.objects.values_list("date", "is_working_day"))
        return cls(frozenset(d for d, working in rows if not working), frozenset(d for d, working in rows if working))

    def is_working_day(self, day):
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_working_days(self, start, count):
        """The `count`-th working day after `start` (start itself not counted)."""
        day, left = start, count
        while left > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day


NO_HOLIDAYS = Calendar(frozenset())
