"""Nhập sổ hộ từ Excel: households, members and review results of one commune, all or nothing.

The whole file is checked first (every error with sheet, row and column); only a file without errors
is written, in bulk. Both passes read the file chunk by chunk (it is read twice) so memory stays flat.
Rows are matched by household code (and members by CCCD, else by name and year of birth), so importing
the same file again changes nothing.
"""
import unicodedata
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from households.access import require_write
from households.classification import classify
from households.excel.columns import HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET, MEMBER_COLUMNS, MEMBER_SHEET, REVIEW_COLUMNS
from households.excel.parse import Lookups, Parsed, parse_households, parse_members
from households.models import (
    RECOGNISED_STATES,
    Household,
    Member,
    PovertyStandard,
    Relation,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
)
from households.services.figures import figures_refresh
from households.services.history import refresh_histories
from households.services.registry import (
    household_snapshot,
    households_save_many,
    lock_commune,
    member_snapshot,
    members_save_many,
)
from households.services.reviews import review_snapshot
from povertyplan import audit
from povertyplan.audit import record, snapshot
from povertyplan.lib.tabular import CellError, ImportFailed, column_letter, open_sheets, require_columns


@dataclass
class ImportResult:
    households_created: int = 0
    households_updated: int = 0
    members_created: int = 0
    members_updated: int = 0
    reviews_created: int = 0
    reviews_updated: int = 0
    notes: list = field(default_factory=list)  # CellErrors that did not stop the import (a rounded income)

    def counts(self):
        return {k: v for k, v in vars(self).items() if k != "notes"}

    @property
    def changed(self):
        return any(self.counts().values())


def _key(name, year):
    return (unicodedata.normalize("NFC", name).strip().lower(), year)


_NEW = Household()  # what the check pass plans against for a household the file adds: only counted, never saved
CHUNK = 2000  # rows read, checked and written at a time: the write pass costs the same queries for every chunk


class _Context:
    """Everything about the commune the import compares against, loaded in a fixed number of queries."""

    def __init__(self, commune):
        self.commune = commune
        self.villages = {v.code: v for v in commune.children.all()}
        self.households = {h.code: h for h in Household.objects.filter(commune=commune).select_related("village")}
        self.members = {}
        for member in Member.objects.filter(household__commune=commune, is_active=True):
            self.members.setdefault(member.household_id, []).append(member)
        self.standards = list(PovertyStandard.objects.filter(province__isnull=True).prefetch_related("indicators"))
        periodic = ReviewRound.objects.filter(commune=commune, kind=RoundKind.PERIODIC)
        self.rounds = {r.year: r for r in periodic}
        self.closed_years = set(periodic.exclude(pk__in=ReviewRound.objects.open_for_results().values("pk"))
                                .values_list("year", flat=True))
        self.reviews = {(r.household_id, r.round_id): r for r in Review.objects.filter(
            household__commune=commune, round__kind=RoundKind.PERIODIC).prefetch_related("deprivations", "causes")}
        self.numbers = {}  # CCCD → active member anywhere, for the numbers of the file (loaded chunk by chunk)

    def load_numbers(self, numbers):
        numbers = [n for n in numbers if n and n not in self.numbers]
        if numbers:
            self.numbers.update((m.id_number, m) for m in Member.objects.filter(id_number__in=numbers, is_active=True))

    def standard_for(self, year):
        on = ReviewRound(year=year, kind=RoundKind.PERIODIC).standard_date()
        for standard in self.standards:
            if standard.valid_from <= on and (standard.valid_to is None or on <= standard.valid_to):
                return standard
        return None

    def lookups(self):
        def indicators_for_year(year):
            standard = self.standard_for(year)
            return {i.code: i for i in standard.indicators.all()} if standard else None
        return Lookups(villages=self.villages, existing_codes=set(self.households), indicators_for_year=indicators_for_year)


class _NoProgress:
    def start(self, total, done=0):
        pass

    def advance(self, count=1):
        pass


class _Rows:
    """One chunk of a sheet's rows, with the sheet's headers for the messages: what the parser reads."""

    def __init__(self, table, rows):
        self._table, self.rows = table, rows

    def __getattr__(self, name):
        return getattr(self._table, name)


def _chunks(table, progress):
    """The sheet's rows CHUNK at a time (read again from the file on each pass), advancing the progress."""
    chunk = []
    for item in table.rows:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield _Rows(table, chunk)
            progress.advance(len(chunk))
            chunk = []
    if chunk:
        yield _Rows(table, chunk)
        progress.advance(len(chunk))


@dataclass
class _Plan:
    new_households: list = field(default_factory=list)
    changed_households: list = field(default_factory=list)   # (household, before)
    new_members: list = field(default_factory=list)          # (household code, Member)
    changed_members: list = field(default_factory=list)      # (member, before)
    new_reviews: list = field(default_factory=list)          # (household, ReviewRow)
    changed_reviews: list = field(default_factory=list)      # (review, ReviewRow, before)


@dataclass
class _Checked:
    """What the check pass keeps: a few small values per row (codes, CCCD numbers, heads), not the rows."""

    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    seen: dict = field(default_factory=dict)       # household code → its first row (duplicates)
    codes: set = field(default_factory=set)        # every code of the household sheet, for the member sheet
    valid: set = field(default_factory=set)        # codes of the household rows without errors
    numbers: dict = field(default_factory=dict)    # CCCD → its first row in the member sheet
    relations: dict = field(default_factory=dict)  # household code → {member pk: relation in the file}
    new_heads: dict = field(default_factory=dict)  # household code → heads the file adds
    head_rows: dict = field(default_factory=dict)  # household code → rows naming a head
    writes: int = 0                                # objects the write pass saves (its progress total)

    def count(self, plan):
        self.writes += sum(len(getattr(plan, name)) for name in _Plan.__dataclass_fields__)


@transaction.atomic
def households_import(*, actor, commune, file, filename=None, progress=None):
    """Nhập hộ, thành viên và kết quả rà soát của một xã từ tệp theo mẫu. Raises ImportFailed listing every error.

    Two passes over the file in one transaction, CHUNK rows at a time, so memory does not grow with the file:
    every row is checked first (nothing written), then the file is read again and written in bulk, chunk by
    chunk. `progress` (a job's) counts the rows of the first pass and the objects written by the second."""
    progress = progress or _NoProgress()
    require_write(actor, commune)
    with open_sheets(file, filename) as sheets:
        # One import per commune at a time: a second upload of the same file waits, then finds nothing to change.
        lock_commune(commune.pk)
        households_table, members_table = sheets.get(HOUSEHOLD_SHEET), sheets.get(MEMBER_SHEET)
        if households_table is None:
            raise ImportFailed([CellError(None, "", _("Tệp không có trang tính “%(sheet)s”: hãy dùng tệp mẫu.")
                                          % {"sheet": HOUSEHOLD_SHEET})])
        titles = {c.name: c.header for c in [*HOUSEHOLD_COLUMNS, *MEMBER_COLUMNS]}
        errors = require_columns(households_table, [c.name for c in HOUSEHOLD_COLUMNS if c.required], titles)
        if members_table is not None:
            errors += require_columns(members_table, [c.name for c in MEMBER_COLUMNS if c.required], titles)
        if errors:
            raise ImportFailed(errors)
        context = _Context(commune)
        progress.start(households_table.estimate + (members_table.estimate if members_table is not None else 0))
        checked = _check(context, households_table, members_table, progress)
        if checked.errors:
            sheets_order = [HOUSEHOLD_SHEET, MEMBER_SHEET]
            raise ImportFailed(sorted(checked.errors, key=lambda e: (sheets_order.index(e.sheet), e.row or 0)))
        try:
            with transaction.atomic():
                result = _write(actor, checked, context, households_table, members_table, progress)
        except IntegrityError:
            # Someone saved the same CCCD (in another commune) or household code while this file was checked.
            raise ImportFailed([CellError(None, "", _("Trong lúc kiểm tra tệp, một người khác vừa ghi mã hộ hoặc số "
                                                      "CCCD trùng với tệp này. Chưa nhập dòng nào; hãy nhập lại tệp."))]
                               ) from None
    result.notes = checked.notes
    if result.changed:
        record(actor=actor, action="household.import", object_type="households.household", unit=commune,
               after={**result.counts(), "file": filename or getattr(file, "name", "")})
    return result


def _check(context, households_table, members_table, progress):
    """First pass: every row parsed and planned against the commune, errors collected, nothing written or kept."""
    checked, lookups = _Checked(), context.lookups()
    for chunk in _chunks(households_table, progress):
        parsed = Parsed(errors=checked.errors, notes=checked.notes)
        parse_households(chunk, lookups, parsed, checked.seen)
        checked.codes.update(cells.get("mã hộ") for _row, cells in chunk.rows)
        checked.valid.update(row.code for row in parsed.households)
        plan = _Plan()
        _plan_households(plan, context, parsed.households, chunk, checked.errors, apply=False)
        checked.count(plan)
    checked.codes.discard("")
    if members_table is None:
        return checked
    known = checked.codes | set(context.households)
    for chunk in _chunks(members_table, progress):
        parsed = Parsed(errors=checked.errors)
        parse_members(chunk, known, parsed)
        context.load_numbers(row.values["id_number"] for row in parsed.members)
        households = {code: context.households.get(code) or _NEW for code in
                      {row.household_code for row in parsed.members} if code in checked.valid or code in context.households}
        plan = _Plan()
        _plan_members(plan, context, parsed, chunk, households, checked)
        checked.count(plan)
    for code, rows in checked.head_rows.items():
        household = context.households.get(code)
        relations = checked.relations.get(code, {})
        heads = checked.new_heads.get(code, 0) + sum(
            1 for m in (context.members.get(household.pk, []) if household is not None else [])
            if relations.get(m.pk, m.relation) == Relation.HEAD)
        if heads > 1:
            for row in rows:
                _member_error(checked, members_table, row, "quan hệ với chủ hộ",
                              _("hộ %(code)s có hơn một chủ hộ.") % {"code": code})
    return checked


def _plan_households(plan, context, rows, table, errors, apply):
    """The writes for parsed household rows; `apply` (the write pass) sets the changes on the loaded households."""
    for row in rows:
        household = context.households.get(row.code)
        if household is None:
            household = Household(commune=context.commune, code=row.code, **row.values) if apply else _NEW
            plan.new_households.append(household)
        else:
            changes = {k: v for k, v in row.values.items() if getattr(household, k) != v}
            if changes:
                before = household_snapshot(household) if apply else None
                for name, value in changes.items() if apply else ():
                    setattr(household, name, value)
                plan.changed_households.append((household, before))
        if row.review is not None:
            _plan_review(plan, context, household, row, table, errors)


def _plan_review(plan, context, household, row, table, errors):
    review_round = context.rounds.get(row.review.year)
    existing = context.reviews.get((household.pk, review_round.pk)) if household.pk and review_round else None
    if existing is None:
        if row.review.year in context.closed_years:
            errors.append(CellError(row.row, column_letter(table, REVIEW_COLUMNS[0].name),
                                    _("đợt rà soát định kỳ năm %(year)s đã khép lại (khóa sổ hoặc đã có danh sách năm "
                                      "sau): kết quả mới của hộ %(code)s ghi qua rà soát thường xuyên.")
                                    % {"year": row.review.year, "code": row.code}, table.sheet))
            return
        plan.new_reviews.append((household, row.review))
        return
    wanted = (row.review.income, sorted(i.pk for i in row.review.indicators), row.review.causes,
              row.review.decision_number, row.review.decision_date)
    has = (existing.income_per_capita, sorted(i.pk for i in existing.deprivations.all()),
           sorted(c.cause for c in existing.causes.all()), existing.decision_number, existing.decision_date)
    if wanted == has or (existing.state in RECOGNISED_STATES and wanted[:3] == has[:3] and not row.review.decision_number):
        return
    if existing.state not in (ReviewState.DRAFT, ReviewState.RETURNED):
        errors.append(CellError(row.row, column_letter(table, REVIEW_COLUMNS[0].name),
                                _("kết quả rà soát năm %(year)s của hộ %(code)s đang ở trạng thái “%(state)s”, không sửa "
                                  "bằng tệp nhập được (cần mở lại trước).")
                                % {"year": row.review.year, "code": row.code, "state": existing.get_state_display()},
                                table.sheet))
        return
    plan.changed_reviews.append((existing, row.review, review_snapshot(existing)))


def _plan_members(plan, context, parsed, table, households, checked=None):
    """The writes for parsed member rows of households (code → household); with `checked` (the check pass) the
    rules across rows are checked and nothing is changed, without it the changes are set on the loaded members."""
    for row in parsed.members:
        household = households.get(row.household_code)
        if household is None:
            continue  # its household row has errors of its own; nothing to plan against
        values = row.values
        existing = _match(context.members.get(household.pk, []) if household.pk else [], values)
        if checked is not None:
            _check_member(checked, context, table, row, existing)
        if existing is None:
            plan.new_members.append((row.household_code, None if checked is not None else
                                     Member(household=household if household.pk else None, **values)))
            continue
        changes = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if changes:
            before = member_snapshot(existing) if checked is None else None
            for name, value in changes.items() if checked is None else ():
                setattr(existing, name, value)
            plan.changed_members.append((existing, before))


def _check_member(checked, context, table, row, existing):
    values, code = row.values, row.household_code
    number = values["id_number"]
    if number:
        if number in checked.numbers:
            _member_error(checked, table, row.row, "số cccd", _("số CCCD %(n)s trùng với dòng %(other)s.")
                          % {"n": number, "other": checked.numbers[number]})
        checked.numbers.setdefault(number, row.row)
        owner = context.numbers.get(number)
        if owner is not None and (existing is None or owner.pk != existing.pk):
            _member_error(checked, table, row.row, "số cccd",
                          _("số CCCD %(n)s đã có ở một thành viên khác đang còn trong hộ.") % {"n": number})
    if existing is not None:
        checked.relations.setdefault(code, {})[existing.pk] = values["relation"]
    elif values["relation"] == Relation.HEAD:
        checked.new_heads[code] = checked.new_heads.get(code, 0) + 1
    if values["relation"] == Relation.HEAD:
        checked.head_rows.setdefault(code, []).append(row.row)


def _match(members, values):
    if values["id_number"]:
        for member in members:
            if member.id_number == values["id_number"]:
                return member
    key = _key(values["full_name"], values["birth_year"])
    for member in members:
        if _key(member.full_name, member.birth_year) == key and (not member.id_number or not values["id_number"]):
            return member
    return None


def _member_error(checked, table, row, column, message):
    checked.errors.append(CellError(row, column_letter(table, column), message, table.sheet))


def _event(actor, action, obj, unit, before=None, after=None):
    return audit.event(actor=actor, action=action, obj=obj, unit=unit, before=before, after=after)


def _write(actor, checked, context, households_table, members_table, progress):
    """Second pass: the file read again, CHUNK rows at a time, each chunk written in bulk through the registry's
    services (households, then their review results; members after every household exists)."""
    commune, result = context.commune, ImportResult()
    progress.start(checked.writes)
    lookups, new_ids = context.lookups(), {}  # new household code → pk: the members find their household by it
    villages = {v.pk: v for v in context.villages.values()}
    for chunk in _chunks(households_table, _NoProgress()):
        parsed, plan = Parsed(), _Plan()
        parse_households(chunk, lookups, parsed, validated=True)
        _plan_households(plan, context, parsed.households, chunk, parsed.errors, apply=True)
        households_save_many(actor=actor, commune=commune, created=plan.new_households,
                             updated=plan.changed_households, refresh_figures=False, parsed=True)
        new_ids.update((h.code, h.pk) for h in plan.new_households)
        result.households_created += len(plan.new_households)
        result.households_updated += len(plan.changed_households)
        events = []
        touched = _write_reviews(actor, plan, context, events, result)
        audit.record_many(events)
        refresh_histories(touched, refresh_figures=False)
        progress.advance(len(plan.new_households) + len(plan.changed_households) + len(plan.new_reviews)
                         + len(plan.changed_reviews))
    known = checked.codes | set(context.households)
    for chunk in _chunks(members_table, _NoProgress()) if members_table is not None else ():
        parsed, plan = Parsed(), _Plan()
        parse_members(chunk, known, parsed, validated=True)
        codes = {row.household_code for row in parsed.members}
        households = {code: context.households[code] for code in codes if code in context.households}
        for household in Household.objects.filter(pk__in=[new_ids[code] for code in codes if code in new_ids]):
            household.village = villages[household.village_id]  # loaded once, not joined for every household
            households[household.code] = household
        _plan_members(plan, context, parsed, chunk, households)
        members = []
        for code, member in plan.new_members:
            member.household = households[code]
            members.append(member)
        members_save_many(actor=actor, commune=commune, created=members, updated=plan.changed_members,
                          refresh_figures=False, parsed=True)
        result.members_created += len(members)
        result.members_updated += len(plan.changed_members)
        progress.advance(len(members) + len(plan.changed_members))
    figures_refresh(commune.children.values_list("pk", flat=True))  # new and moved households, their people
    return result


def _round(actor, context, year, events):
    review_round = context.rounds.get(year)
    if review_round is None:
        review_round = ReviewRound(commune=context.commune, year=year, kind=RoundKind.PERIODIC)
        review_round.full_clean()
        review_round.save()
        context.rounds[year] = review_round
        events.append(_event(actor, "round.create", review_round, context.commune,
                             after=snapshot(review_round, ["year", "kind", "month"])))
    return review_round


def _apply(review, household, row, standard):
    review.income_per_capita = row.income
    review.deprivation_count = len(row.indicators)
    review.classification = classify(income_per_capita=row.income, deprivation_count=len(row.indicators),
                                     area=household.village.area, on_date=review.round.standard_date(), standard=standard)
    if row.decision_number:
        review.state = ReviewState.RECOGNISED
        review.decision_number, review.decision_date = row.decision_number, row.decision_date
        review.recognised_at = timezone.now()


def _write_reviews(actor, plan, context, events, result):
    touched, created = set(), []
    for household, row in plan.new_reviews:
        review_round = _round(actor, context, row.year, events)
        standard = context.standard_for(row.year)
        review = Review(household=household, round=review_round, standard=standard)
        _apply(review, household, row, standard)
        review.full_clean(exclude=["household", "round", "standard"], validate_unique=False, validate_constraints=False)
        created.append((review, row))
    Review.objects.bulk_create([r for r, _row in created], batch_size=2000)
    through = Review.deprivations.through
    through.objects.bulk_create([through(review_id=r.pk, deprivationindicator_id=i.pk)
                                 for r, row in created for i in row.indicators], batch_size=5000)
    ReviewCause.objects.bulk_create([ReviewCause(review=r, cause=c) for r, row in created for c in row.causes],
                                    batch_size=5000)
    for review, row in created:
        events.append(_event(actor, "review.import", review, review.household.village,
                             after=review_snapshot(review, [i.code for i in row.indicators], row.causes)))
        touched.add(review.household_id)
    for review, row, before in plan.changed_reviews:
        _apply(review, review.household, row, review.standard)
        review.version += 1
        review.save()
        review.deprivations.set(row.indicators)
        review.causes.all().delete()
        ReviewCause.objects.bulk_create([ReviewCause(review=review, cause=c) for c in row.causes])
        events.append(_event(actor, "review.update", review, review.household.village, before,
                             review_snapshot(review, [i.code for i in row.indicators], row.causes)))
        touched.add(review.household_id)
    result.reviews_created += len(created)
    result.reviews_updated += len(plan.changed_reviews)
    return touched
