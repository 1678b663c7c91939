"""Synthetic households (dữ liệu giả lập) for the demo and for benchmarks.

Households get members, a review per year and recognised results whose income and
deprivations classify (through classify()) to a chosen trajectory, so that the counts of the
target year are exact and the transitions (phát sinh, thoát nghèo, …) are plausible.

Two writers share these rules: Generator.village writes with bulk_create in chunks (any database;
the demo and SQLite use it), and households.synthetic_copy.CopyGenerator, PostgreSQL only, streams
the same kind of rows with COPY so that a province (1,000,000 households) takes about two minutes.
"""
import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from households.classification import Classification, classify
from households.models import (
    Household,
    Member,
    PovertyCause,
    PovertyStandard,
    Relation,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
    Schooling,
    Sex,
    Work,
)
from households.services.figures import figures_refresh
from households.services.history import refresh_current_reviews
from households.status import Result, history

P, N, A, X = Classification.POOR, Classification.NEAR_POOR, Classification.AVERAGE, Classification.ABOVE_AVERAGE

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Phan", "Hà", "Lương"]
MALE = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn",
        "Thắng", "Thành", "Tuấn", "Việt"]
FEMALE = ["Anh", "Bích", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương",
          "Thảo", "Thu", "Trang", "Yến"]
MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh"]
FEMALE_MIDDLE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh"]
ETHNIC_MINORITIES = ["Tày", "Nùng", "Sán Dìu", "Hoa", "Cao Lan"]
MEMBER_FIELDS = ["full_name", "sex", "birth_year", "relation", "ethnicity", "id_number", "health_insurance", "schooling",
                 "work"]


@dataclass
class VillageTarget:
    """How many households (and members) a village gets, and how many are poor / near-poor in the target year."""

    village: object
    households: int
    members: int | None = None
    poor: int | None = None
    near_poor: int | None = None


class Generator:
    def __init__(self, *, seed, years, target_year=None, decision_day=(12, 20), chunk=5000):
        self.rng = random.Random(seed)
        self.years = sorted(years)
        self.target_year = target_year or self.years[-1]
        self.decision_day = decision_day
        self.chunk = chunk
        self.standards = {}
        self.used_numbers = set()
        self.stats = {"households": 0, "members": 0, "reviews": 0}

    # ---- classifications -------------------------------------------------------------------
    def _target_classes(self, target):
        """Exactly `poor` and `near_poor` households in the target year; the rest average or above."""
        count = target.households
        poor = target.poor if target.poor is not None else sum(self.rng.random() < 0.025 for _ in range(count))
        near = target.near_poor if target.near_poor is not None else sum(self.rng.random() < 0.035 for _ in range(count))
        poor, near = min(poor, count), min(near, count - min(poor, count))
        rest = count - poor - near
        average = round(rest * 0.15)
        classes = [P] * poor + [N] * near + [A] * average + [X] * (rest - average)
        self.rng.shuffle(classes)
        return classes

    def _trajectory(self, final):
        """Classifications for self.years ending with `final` in the target year (earlier years plausible)."""
        path = {self.target_year: final}
        current = final
        for year in reversed([y for y in self.years if y < self.target_year]):
            roll = self.rng.random()
            if current == P:
                current = P if roll < 0.8 else N                       # 20 % newly poor this year
            elif current == N:
                current = P if roll < 0.35 else (N if roll < 0.9 else A)  # 35 % escaped poverty
            else:
                current = P if roll < 0.005 else (N if roll < 0.025 else current)
            path[year] = current
        for year in [y for y in self.years if y > self.target_year]:
            roll = self.rng.random()
            current = {P: P if roll < 0.6 else N, N: N if roll < 0.6 else A}.get(current, current)
            path[year] = current
        return [path[y] for y in self.years]

    def _standard(self, review_round):
        on = review_round.standard_date()
        if on not in self.standards:
            standard = PovertyStandard.objects.in_force(on).get()
            self.standards[on] = (standard, list(standard.indicators.order_by("order")))
        return self.standards[on]

    def _income_and_deprivations(self, cls, area, standard, indicators):
        line, average = standard.poor_line(area), standard.average_line(area)
        rng = self.rng
        if cls in (P, N):
            income = rng.randrange(int(line * 0.45) // 10_000, line // 10_000 + 1) * 10_000
        elif cls == A:
            income = rng.randrange(line // 10_000 + 1, average // 10_000 + 1) * 10_000
        else:
            income = rng.randrange(average // 10_000 + 1, average * 3 // 10_000) * 10_000
        if cls == P:
            count = rng.randint(standard.min_deprivations, standard.min_deprivations + 3)
        else:
            count = rng.choices([0, 1, 2], weights=[6, 3, 1] if cls in (A, X) else [2, 4, 4])[0]
        return income, rng.sample(indicators, min(count, len(indicators)))

    # ---- people ----------------------------------------------------------------------------
    def _name(self, sex, surname=None):
        rng = self.rng
        middle = rng.choice(MALE_MIDDLE if sex == Sex.MALE else FEMALE_MIDDLE)
        given = rng.choice(MALE if sex == Sex.MALE else FEMALE)
        return f"{surname or rng.choice(SURNAMES)} {middle} {given}"

    def _id_number(self, sex, birth_year, province):
        # CCCD layout: province (3) + sex/century (1) + year of birth (2) + random (6)
        century = 0 if birth_year < 2000 else 2
        digit = century + (1 if sex == Sex.FEMALE else 0)
        while True:
            number = f"{province:0>3}{digit}{birth_year % 100:02d}{self.rng.randrange(1_000_000):06d}"
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def _people(self, size, province, ethnicity, deprived, as_of_year):
        """The members as plain tuples in the order of MEMBER_FIELDS (both writers use them)."""
        rng = self.rng
        head_sex = Sex.MALE if rng.random() < 0.72 else Sex.FEMALE
        surname = rng.choice(SURNAMES)
        head_year = rng.randint(as_of_year - 80, as_of_year - 24)
        people = [(self._name(head_sex, surname), head_sex, head_year, Relation.HEAD)]
        if size > 1 and rng.random() < 0.85:
            sex = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
            people.append((self._name(sex), sex, head_year + rng.randint(-5, 5), Relation.SPOUSE))
        parents = [Sex.MALE, Sex.FEMALE]
        while len(people) < size:
            if parents and rng.random() < 0.2:
                sex = parents.pop(rng.randrange(len(parents)))
                people.append((self._name(sex, surname if sex == Sex.MALE else None), sex,
                               head_year - rng.randint(20, 30), Relation.PARENT))
            else:
                sex = rng.choice([Sex.MALE, Sex.FEMALE])
                year = min(as_of_year, head_year + rng.randint(20, 40))
                people.append((self._name(sex, surname), sex, year, Relation.CHILD))
        # the health-insurance deprivation (indicator 4) means someone aged 6 or more has no card
        over_six = [i for i, person in enumerate(people) if as_of_year - person[2] >= 6]
        uninsured = (over_six[-1] if over_six else 0) if "4" in deprived else None
        # the child-school-attendance deprivation (indicator 6) means a child of 3–15 is out of school
        out_of_school = next((i for i, person in enumerate(people) if 3 <= as_of_year - person[2] < 16), None) \
            if "6" in deprived else None
        members = []
        for index, (name, sex, year, relation) in enumerate(people):
            age = as_of_year - year
            members.append((
                name, sex, year, relation, ethnicity,
                self._id_number(sex, year, province) if age >= 14 else "",
                index != uninsured,
                (Schooling.NOT_ATTENDING if index == out_of_school else Schooling.NOT_YET if age < 6
                 else Schooling.ATTENDING if age < 18 else ""),
                Work.OUT_OF_AGE if age < 15 or age > 60 else rng.choice([Work.STABLE, Work.STABLE, Work.UNSTABLE]),
            ))
        return members

    def _members(self, size, province, ethnicity, deprived, as_of_year):
        return [Member(**dict(zip(MEMBER_FIELDS, person, strict=True)))
                for person in self._people(size, province, ethnicity, deprived, as_of_year)]

    def _sizes(self, target):
        if not target.members:
            return [self.rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[8, 17, 22, 28, 15, 7, 3])[0]
                    for _ in range(target.households)]
        sizes = [1] * target.households
        for _ in range(max(0, target.members - target.households)):
            sizes[self.rng.randrange(target.households)] += 1
        return sizes

    # ---- writing -----------------------------------------------------------------------------
    def rounds_for(self, commune):
        rounds = {}
        for year in self.years:
            rounds[year], _created = ReviewRound.objects.get_or_create(commune=commune, year=year,
                                                                       kind=RoundKind.PERIODIC)
        return rounds

    def _decision(self, year):
        month, day = self.decision_day
        return datetime.date(year, month, day), f"{self.rng.randint(80, 260)}/QĐ-UBND"

    @transaction.atomic
    def village(self, target, rounds, codes_taken, province="024"):
        """Generate one village's households, members and recognised reviews (chunked bulk inserts)."""
        village = target.village
        decisions = {year: self._decision(year) for year in self.years}
        classes, sizes = self._target_classes(target), self._sizes(target)
        codes = self._codes(village, target.households, codes_taken)
        for start in range(0, target.households, self.chunk):
            batch = [(codes[index], self._trajectory(classes[index]), sizes[index])
                     for index in range(start, min(start + self.chunk, target.households))]
            self._write(village, rounds, decisions, batch, province)
        return target.households

    @staticmethod
    def _codes(village, count, codes_taken):
        """Mã hộ "<village suffix>-0001", … skipping the codes the commune already has."""
        prefix = village.code.rsplit("-", 1)[-1] if "-" in village.code else village.code
        codes, serial = [], 0
        for _index in range(count):
            serial += 1
            while f"{prefix}-{serial:04d}" in codes_taken:
                serial += 1
            code = f"{prefix}-{serial:04d}"
            codes_taken.add(code)
            codes.append(code)
        return codes

    def _write(self, village, rounds, decisions, batch, province):
        rng = self.rng
        households, people, reviews, plans = [], [], [], []
        address = village.full_name
        for code, path, size in batch:
            poor_ever = P in path
            minority = rng.random() < 0.03
            household = Household(
                commune_id=village.parent_id, village=village, code=code, head_name="",
                address=address,
                is_ethnic_minority=minority, is_meritorious=rng.random() < 0.05,
                is_social_protection=rng.random() < (0.2 if poor_ever else 0.03),
                no_working_capacity=path[-1] == P and rng.random() < 0.15,
            )
            final_year = self.years[-1]
            records = []
            for year, cls in zip(self.years, path, strict=True):
                standard, indicators = self._standard(rounds[year])
                income, chosen = self._income_and_deprivations(cls, village.area, standard, indicators)
                result = classify(income_per_capita=income, deprivation_count=len(chosen), area=village.area,
                                  on_date=rounds[year].standard_date(), standard=standard)
                assert result == cls, (income, len(chosen), cls)
                records.append((year, cls, income, chosen, standard))
            deprived = {i.code for i in records[-1][3]}
            members = self._members(size, province, rng.choice(ETHNIC_MINORITIES) if minority else "Kinh", deprived,
                                    final_year)
            household.head_name = members[0].full_name
            household.refresh_search_name()
            households.append(household)
            people.append(members)
            plans.append(records)
        Household.objects.bulk_create(households, batch_size=2000)
        all_members = []
        for household, members in zip(households, people, strict=True):
            for member in members:
                member.household = household
                all_members.append(member)
        self._renumber_clashes(all_members, province)
        Member.objects.bulk_create(all_members, batch_size=5000)
        for household, records in zip(households, plans, strict=True):
            entries = history(Result(cls, decisions[year][0]) for year, cls, *_rest in records)
            for (year, cls, income, chosen, standard), entry in zip(records, entries, strict=True):
                decided_on, number = decisions[year]
                reviews.append((Review(
                    household=household, round=rounds[year], standard=standard, income_per_capita=income,
                    deprivation_count=len(chosen), classification=cls, change=entry.change,
                    state=ReviewState.RECOGNISED, decision_number=number, decision_date=decided_on,
                ), chosen))
        Review.objects.bulk_create([r for r, _chosen in reviews], batch_size=5000)
        through = Review.deprivations.through
        through.objects.bulk_create([through(review_id=r.pk, deprivationindicator_id=i.pk)
                                     for r, chosen in reviews for i in chosen], batch_size=10000)
        causes = list(PovertyCause.values)
        ReviewCause.objects.bulk_create([ReviewCause(review=r, cause=c) for r, _chosen in reviews
                                         if r.classification in (P, N)
                                         for c in rng.sample(causes, rng.randint(1, 2))], batch_size=10000)
        refresh_current_reviews(Household.objects.filter(pk__in=[h.pk for h in households]))
        figures_refresh([village.pk])
        self.stats["households"] += len(households)
        self.stats["members"] += len(all_members)
        self.stats["reviews"] += len(reviews)

    def _renumber_clashes(self, members, province):
        """CCCD numbers are random: draw again the ones an active member already has, until none clash."""
        pending = [m for m in members if m.id_number]
        while pending:
            clashing = []
            for start in range(0, len(pending), 5000):
                part = pending[start:start + 5000]
                taken = set(Member.objects.filter(id_number__in=[m.id_number for m in part], is_active=True)
                            .values_list("id_number", flat=True))
                for member in part:
                    if member.id_number in taken:
                        member.id_number = self._id_number(member.sex, member.birth_year, province)
                        clashing.append(member)
            pending = clashing
