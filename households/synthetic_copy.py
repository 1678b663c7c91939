"""PostgreSQL only: the fast path of the synthetic generator, streaming the rows with COPY.

bulk_create of a province (1,000,000 households, 3.5 million members, 3 million reviews) took a
quarter of an hour: Django builds ten million model objects and PostgreSQL parses as many INSERT
rows. Here the same Generator rules (trajectories, incomes, deprivations, families, every result
checked with classify()) produce tab-separated text that COPY loads, and:

- the ids of the new households and reviews are reserved up front as one block of each identity
  sequence, so that members, reviews, deprivations (the M2M rows), causes and
  Household.current_review carry their foreign keys without a round trip; the registry tables are
  locked against concurrent writes meanwhile (SHARE ROW EXCLUSIVE: reads go on);
- Review.change, Household.current_review and escaped_on come from households.status.history, exactly what
  refresh_histories would write (the tests run it afterwards and see nothing change);
- a background thread makes the next chunk of text while PostgreSQL loads the current one (the
  thread never touches the database: standards, rounds and taken codes are read before it starts).

The caller holds the transaction (all or nothing) and runs ANALYZE once it has committed. SQLite
and other databases use Generator.village (bulk_create), which the demo also uses.
"""
import io
import queue
import threading

from django.db import connection
from django.utils import timezone

from households.classification import classify
from households.models import Household, Member, PovertyCause, Review, ReviewCause, ReviewState
from households.services.figures import figures_refresh
from households.status import Result, current_escape, history
from households.synthetic import ETHNIC_MINORITIES, Generator, N, P
from povertyplan.lib.names import search_key

Deprivation = Review.deprivations.through
HOUSEHOLD_FIELDS = ["id", "commune", "village", "code", "head_name", "search_name", "address", "is_ethnic_minority", "is_meritorious",
                    "is_social_protection", "no_working_capacity", "current_review", "escaped_on", "version", "created_at", "updated_at"]
MEMBER_FIELDS = ["household", "full_name", "sex", "birth_year", "relation", "ethnicity", "id_number", "health_insurance",
                 "schooling", "work", "is_active", "left_reason", "version"]
REVIEW_FIELDS = ["id", "household", "round", "standard", "income_per_capita", "deprivation_count", "classification",
                 "change", "state", "notes", "return_reason", "decision_number", "decision_date", "version", "created_at",
                 "updated_at"]
DEPRIVATION_FIELDS = ["review", "deprivationindicator"]
CAUSE_FIELDS = ["review", "cause"]
TABLES = [(Household, HOUSEHOLD_FIELDS), (Member, MEMBER_FIELDS), (Review, REVIEW_FIELDS),
          (Deprivation, DEPRIVATION_FIELDS), (ReviewCause, CAUSE_FIELDS)]
BOOL = {True: "t", False: "f"}


def copy_text(value):
    """A value for COPY's text format (backslash, tab and line breaks escaped)."""
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_statement(model, fields):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"


def reserve_ids(cursor, model, count):
    """The first of `count` consecutive ids taken from the model's identity sequence (count > 0).
    The caller locks the table against inserts, so no other session draws from the block meanwhile."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count])
    return cursor.fetchone()[0] - count + 1


def in_background(chunks, ahead=2):
    """Iterate `chunks` made by a thread, at most `ahead` chunks in advance."""
    made, stop, done = queue.Queue(maxsize=ahead), threading.Event(), object()

    def put(item):
        while not stop.is_set():
            try:
                made.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            for chunk in chunks:
                if not put(chunk):
                    return
            put(done)
        except BaseException as error:  # handed to the consumer, which raises it
            put(error)

    thread = threading.Thread(target=produce, name="synthetic-copy", daemon=True)
    thread.start()
    try:
        while True:
            item = made.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


class CopyGenerator(Generator):
    """Generator for PostgreSQL: `run(plan)` writes every village of the plan with COPY."""

    CHUNK = 20_000  # households per COPY of each table: a few MB of text, a few seconds of loading

    def __init__(self, *, chunk=None, **kwargs):
        super().__init__(chunk=chunk or self.CHUNK, **kwargs)

    def run(self, plan, *, province="024", progress=None):
        """Write the plan, a list of (VillageTarget, {year: ReviewRound of the commune}, codes the commune has).

        `progress(households)` is called with the number of households loaded after each chunk.
        """
        if connection.vendor != "postgresql":
            raise RuntimeError("CopyGenerator needs PostgreSQL (COPY); use Generator.village elsewhere.")
        if not connection.in_atomic_block:
            raise RuntimeError("CopyGenerator.run must be called inside transaction.atomic() (all or nothing).")
        plan = [(target, rounds, codes) for target, rounds, codes in plan if target.households > 0]
        total = sum(target.households for target, _rounds, _codes in plan)
        if not total:
            return self.stats
        # everything the thread needs from the database is read here, in this thread and transaction
        standards = {review_round.pk: self._standard(review_round)
                     for _target, rounds, _codes in plan for review_round in rounds.values()}
        addresses = {target.village.pk: copy_text(target.village.full_name) for target, _rounds, _codes in plan}
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE".format(", ".join(
                connection.ops.quote_name(model._meta.db_table) for model in (Household, Member, Review))))
            first_household = reserve_ids(cursor, Household, total)
            first_review = reserve_ids(cursor, Review, total * len(self.years))
            # CCCD numbers of active members already carrying this province's prefix are taken
            self.used_numbers.update(Member.objects.filter(is_active=True, id_number__startswith=f"{province:0>3}")
                                     .values_list("id_number", flat=True).iterator(chunk_size=20_000))
            statements = [copy_statement(model, fields) for model, fields in TABLES]
            chunks = self._chunks(plan, standards, addresses, province, first_household, first_review)
            loaded = 0
            for count, chunk in in_background(chunks):
                for statement, data in zip(statements, chunk, strict=True):
                    if data:
                        cursor.copy_expert(statement, io.BytesIO(data), len(data))  # one read per chunk
                loaded += count
                if progress:
                    progress(loaded)
        figures_refresh(target.village.pk for target, _rounds, _codes in plan)
        return self.stats

    def _chunks(self, plan, standards_of_rounds, addresses, province, household_id, review_id):
        """(households, [COPY data of each table of TABLES]) for about self.chunk households at a time. Runs in the
        background thread: no database access here."""
        rng, years = self.rng, self.years
        final_year, now = years[-1], timezone.now().isoformat()
        causes = list(PovertyCause.values)
        changes_of, class_of = {}, {}
        households, members, reviews, deprivations, review_causes = [], [], [], [], []
        recognised = ReviewState.RECOGNISED.value
        for target, rounds, codes_taken in plan:
            village = target.village
            area, address = village.area, addresses[village.pk]
            prefix = f"{village.parent_id}\t{village.pk}\t"
            rounds_of_years = [rounds[year] for year in years]
            standards = [standards_of_rounds[review_round.pk] for review_round in rounds_of_years]
            decisions = [self._decision(year) for year in years]
            dates = tuple(decided_on for decided_on, _number in decisions)
            review_tail = [f"\t{recognised}\t\t\t{copy_text(number)}\t{decided_on.isoformat()}\t1\t{now}\t{now}\n"
                           for decided_on, number in decisions]
            heads = [f"\t{review_round.pk}\t{standard.pk}\t" for review_round, (standard, _indicators)
                     in zip(rounds_of_years, standards, strict=True)]
            classes, sizes = self._target_classes(target), self._sizes(target)
            codes = self._codes(village, target.households, codes_taken)
            for index in range(target.households):
                path = self._trajectory(classes[index])
                minority = rng.random() < 0.03
                meritorious = rng.random() < 0.05
                social = rng.random() < (0.2 if P in path else 0.03)
                unable = path[-1] == P and rng.random() < 0.15
                key = (tuple(path), dates)
                kept = changes_of.get(key)
                if kept is None:  # the same as refresh_histories computes from the recognised reviews
                    entries = history(Result(cls, decided_on) for cls, decided_on in zip(path, dates, strict=True))
                    escaped_on = current_escape(entries)
                    kept = changes_of[key] = ([str(entry.change) for entry in entries],
                                              escaped_on.isoformat() if escaped_on else "\\N")
                changes, escaped_on = kept
                chosen = ()
                for year_index, cls in enumerate(path):
                    standard, indicators = standards[year_index]
                    income, chosen = self._income_and_deprivations(cls, area, standard, indicators)
                    count = len(chosen)
                    check = (income, count, area, standard.pk)
                    result = class_of.get(check)
                    if result is None:
                        result = class_of[check] = classify(
                            income_per_capita=income, deprivation_count=count, area=area,
                            on_date=rounds_of_years[year_index].standard_date(), standard=standard)
                    if result != cls:
                        raise AssertionError(f"classify({income}, {count}, {area}) = {result}, not {cls}")
                    reviews.append(f"{review_id}\t{household_id}{heads[year_index]}{income}\t{count}\t{cls}\t"
                                   f"{changes[year_index]}{review_tail[year_index]}")
                    for indicator in chosen:
                        deprivations.append(f"{review_id}\t{indicator.pk}\n")
                    if cls == P or cls == N:
                        for cause in rng.sample(causes, rng.randint(1, 2)):
                            review_causes.append(f"{review_id}\t{cause}\n")
                    review_id += 1
                people = self._people(sizes[index], province, rng.choice(ETHNIC_MINORITIES) if minority else "Kinh",
                                      {indicator.code for indicator in chosen}, final_year)
                for name, sex, birth_year, relation, ethnicity, id_number, insured, schooling, work in people:
                    members.append(f"{household_id}\t{name}\t{sex}\t{birth_year}\t{relation}\t{ethnicity}\t{id_number}\t"
                                   f"{BOOL[insured]}\t{schooling}\t{work}\tt\t\t1\n")
                households.append(  # current_review: the last year's review, the latest decision (20/12 of each year)
                    f"{household_id}\t{prefix}{copy_text(codes[index])}\t{copy_text(people[0][0])}\t"
                    f"{copy_text(search_key(people[0][0]))}\t{address}\t{BOOL[minority]}\t"
                    f"{BOOL[meritorious]}\t{BOOL[social]}\t{BOOL[unable]}\t{review_id - 1}\t{escaped_on}\t1\t{now}\t{now}\n")
                household_id += 1
                if len(households) >= self.chunk:
                    yield self._chunk(households, members, reviews, deprivations, review_causes)
                    households, members, reviews, deprivations, review_causes = [], [], [], [], []
        if households:
            yield self._chunk(households, members, reviews, deprivations, review_causes)

    def _chunk(self, households, members, reviews, deprivations, review_causes):
        self.stats["households"] += len(households)
        self.stats["members"] += len(members)
        self.stats["reviews"] += len(reviews)
        return len(households), ["".join(lines).encode() for lines in (households, members, reviews, deprivations,
                                                                        review_causes)]
