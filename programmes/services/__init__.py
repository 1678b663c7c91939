"""Every write of the programmes app: keyword-only, atomic, validated and audited."""
from programmes.services.agencies import agency_create, agency_update  # noqa: F401
from programmes.services.plans import (  # noqa: F401
    PlanLocked,
    plan_copy,
    plan_create,
    plan_issue,
    plan_update,
)
from programmes.services.reminders import reminder_send  # noqa: F401
from programmes.services.reports import (  # noqa: F401
    ReportLocked,
    report_approve,
    report_attach,
    report_detach,
    report_reopen,
    report_return,
    report_save,
    report_start,
    report_submit,
)
from programmes.services.rows import ROW_SPECS, RowChange, plan_rows_save  # noqa: F401
from programmes.services.targets import target_allocate, target_set  # noqa: F401
