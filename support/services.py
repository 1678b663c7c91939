"""Writes of the support app: the audited eligibility-list export, support recorded one at a time, and the
all-or-nothing import of a filled eligibility list. Each checks access through support.access."""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from povertyplan import audit
from povertyplan.lib.parsing import ParseError, parse_date, parse_money, parse_whole_number
from povertyplan.lib.tabular import CellError, ImportFailed, column_letter, normalise_header, read_tables
from support import export, selectors
from support.access import require_recorder
from support.coverage import coverage_refresh
from support.models import SupportRecord

MAX_AMOUNT = 10_000_000_000   # đồng per record: far above a house (40 million) or a loan
MAX_QUANTITY = 1_000_000


@transaction.atomic
def eligibility_list_export(*, actor, policy, unit, as_of):
    """The eligibility list as .xlsx bytes; the export is an audit event (personal data leaves the system,
    with CCCD numbers when the policy needs them)."""
    content, count = export.workbook(policy, unit, as_of, selectors.eligible(policy, unit, as_of))
    audit.record(actor=actor, action="support.eligibility_export", obj=policy, unit=unit,
                 after={"as_of": as_of.isoformat(), "rows": count, "id_numbers": policy.needs_id_number})
    return content


def _snapshot(record):
    return audit.snapshot(record, fields=["policy", "household", "member", "given_on", "period", "quantity", "amount",
                                          "document", "is_repeat", "agency"])


def _check_date(given_on):
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Ngày hỗ trợ không được sau hôm nay.")})


def _is_supported(policy, household, member, period):
    records = SupportRecord.objects.filter(policy=policy, period=period)
    return records.filter(member=member).exists() if member else records.filter(household=household,
                                                                                  member__isnull=True).exists()


@transaction.atomic
def support_record_create(*, actor, policy, household, member=None, given_on, quantity=1, amount=0, document):
    """Ghi nhận hỗ trợ: one household (household policy) or member (person policy) supported on a date.
    Refused unless the beneficiary qualifies on that date; a second support in the period is refused, or
    kept and flagged where the policy allows repeats."""
    agency = require_recorder(actor, policy, household.village)
    if policy.is_personal != (member is not None) or (member is not None and member.household_id != household.pk):
        raise ValidationError(_("Chính sách này hỗ trợ %(who)s.") % {"who": policy.get_beneficiary_display().lower()})
    _check_date(given_on)
    key = member or household
    if not selectors.eligible(policy, household.village, given_on).filter(pk=key.pk).exists():
        raise ValidationError(_("%(who)s không thuộc diện được hỗ trợ tại ngày %(date)s.")
                              % {"who": key, "date": given_on.strftime("%d/%m/%Y")})
    period = policy.period_of(given_on)
    repeat = policy.allows_repeats and _is_supported(policy, household, member, period)
    record = SupportRecord(policy=policy, household=household, member=member, village=household.village,
                           agency=agency, given_on=given_on, period=period, quantity=quantity, amount=amount,
                           document=document, is_repeat=repeat, recorded_by=actor)
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # a concurrent record of the same support won the race
        raise ValidationError(_("Đối tượng này đã được hỗ trợ chính sách này trong kỳ.")) from None
    audit.record(actor=actor, action="support.create", obj=record, unit=household.village, after=_snapshot(record))
    coverage_refresh([record.village_id], policies=[policy])
    return record


# --- Import of the filled eligibility list ------------------------------------------------------------

_KEY = normalise_header(export.KEY)
_DATE, _QUANTITY, _AMOUNT, _DOCUMENT = (normalise_header(h) for h in export.FILL_IN)


@transaction.atomic
def support_import(*, actor, policy, unit, file, filename=None):
    """Ghi nhận hỗ trợ từ danh sách đã điền: every filled row (a date, a document, and optionally quantity and
    amount) becomes a support record, or none does: ImportFailed lists each bad cell by row and column.
    Rows without anything filled in are skipped (not supported yet). Returns the number of records."""
    agency = require_recorder(actor, policy, unit)
    tables = read_tables(file, filename)
    table = tables.get(export.SHEET) or next(iter(tables.values()), None)
    if table is None or not table.headers:
        raise ImportFailed([CellError(1, "", _("Tệp không có dòng tiêu đề."))])
    errors = [CellError(1, column, _("thiếu cột “%(column)s” ở dòng tiêu đề.") % {"column": column}, table.sheet)
              for column in [export.KEY, *export.FILL_IN] if normalise_header(column) not in table.headers]
    if errors:
        raise ImportFailed(errors)

    def fail(number, column, message):
        errors.append(CellError(number, column_letter(table, column), message, table.sheet))

    filled = []
    for number, row in table.rows:
        if not any(row.get(c) for c in (_DATE, _QUANTITY, _AMOUNT, _DOCUMENT)):
            continue
        values = {"number": number}
        try:
            values["pk"] = parse_whole_number(row[_KEY], minimum=1, maximum=2**62).value
        except ParseError as exc:
            fail(number, _KEY, exc.message)
        try:
            values["given_on"] = parse_date(row[_DATE])
            if values["given_on"] > timezone.localdate():
                fail(number, _DATE, _("ngày hỗ trợ không được sau hôm nay."))
        except ParseError as exc:
            fail(number, _DATE, exc.message)
        try:
            values["quantity"] = parse_whole_number(row[_QUANTITY], minimum=1, maximum=MAX_QUANTITY).value \
                if row[_QUANTITY] else 1
        except ParseError as exc:
            fail(number, _QUANTITY, exc.message)
        try:
            values["amount"] = parse_money(row[_AMOUNT], maximum=MAX_AMOUNT).value if row[_AMOUNT] else 0
        except ParseError as exc:
            fail(number, _AMOUNT, exc.message)
        values["document"] = row[_DOCUMENT]
        if not row[_DOCUMENT]:
            fail(number, _DOCUMENT, _("chưa ghi văn bản, chứng từ."))
        elif len(row[_DOCUMENT]) > 200:
            fail(number, _DOCUMENT, _("dài quá 200 ký tự."))
        filled.append(values)
    if errors:
        raise ImportFailed(errors)
    if not filled:
        raise ImportFailed([CellError(None, "", _("Tệp không có dòng nào đã điền ngày hỗ trợ và văn bản."),
                                      table.sheet)])
    records = _records(policy, unit, agency, actor, filled, fail)
    if errors:
        raise ImportFailed(errors)
    try:
        with transaction.atomic():
            SupportRecord.objects.bulk_create(records, batch_size=2000)
    except IntegrityError:
        raise ImportFailed([CellError(None, "", _("Một số đối tượng vừa được ghi nhận hỗ trợ ở nơi khác; hãy tải "
                                                  "lại danh sách và nhập lại."))]) from None
    audit.record_many([audit.event(actor=actor, action="support.import", obj=r, unit=r.village, after=_snapshot(r))
                       for r in records])
    coverage_refresh({r.village_id for r in records}, policies=[policy])
    return len(records)


def _records(policy, unit, agency, actor, filled, fail):
    """Unsaved SupportRecords of the filled rows, each checked: in the list on its date, not supported twice.
    One query per distinct date (the eligible on it) and one for the period's records."""
    eligible_on = {}
    for given_on in {v["given_on"] for v in filled if "given_on" in v}:
        eligible_on[given_on] = {row.pk: row for row in selectors.eligible(policy, unit, given_on)}
    periods = {policy.period_of(d) for d in eligible_on}
    field = "member_id" if policy.is_personal else "household_id"
    done = set(SupportRecord.objects.filter(policy=policy, period__in=periods)
               .filter(**({"member__isnull": False} if policy.is_personal else {"member__isnull": True}))
               .values_list(field, "period"))
    records = []
    for values in filled:
        if "pk" not in values or "given_on" not in values or "quantity" not in values or "amount" not in values:
            continue
        number, given_on = values["number"], values["given_on"]
        row = eligible_on[given_on].get(values["pk"])
        if row is None:
            fail(number, _KEY, _("mã số %(pk)s không có trong danh sách đủ điều kiện của %(unit)s tại ngày %(date)s.")
                 % {"pk": values["pk"], "unit": unit.full_name, "date": given_on.strftime("%d/%m/%Y")})
            continue
        period = policy.period_of(given_on)
        repeat = (values["pk"], period) in done
        if repeat and not policy.allows_repeats:
            fail(number, _KEY, _("%(who)s đã được hỗ trợ chính sách này trong kỳ %(period)s.")
                 % {"who": row, "period": period if period != "once" else _("(một lần)")})
            continue
        done.add((values["pk"], period))
        household = row.household if policy.is_personal else row
        records.append(SupportRecord(
            policy=policy, household=household, member=row if policy.is_personal else None,
            village=household.village, agency=agency, given_on=given_on, period=period,
            quantity=values["quantity"], amount=values["amount"], document=values["document"], is_repeat=repeat,
            recorded_by=actor))
    return records


