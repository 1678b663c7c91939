"""Programme structure, agencies, plans (Kế hoạch) and their targets (chỉ tiêu)."""
from programmes.models.agencies import Agency, AgencyKind  # noqa: F401
from programmes.models.calendar import PublicHoliday  # noqa: F401
from programmes.models.parts import (  # noqa: F401
    Activity,
    Assignment,
    AssignmentRole,
    BudgetLine,
    BudgetSource,
    LegalBasis,
    Recipient,
    Responsibility,
)
from programmes.models.plans import DEFAULT_HEADINGS, Part, Plan, PlanStatus  # noqa: F401
from programmes.models.progress import (  # noqa: F401
    ProgressReport,
    ReminderKind,
    ReminderSent,
    ReportAttachment,
    ReportFunding,
    ReportState,
    ReportValue,
    ReportVersion,
)
from programmes.models.reporting import Frequency, Period, Reporters, ReportingRule, Timing  # noqa: F401
from programmes.models.structure import GoalMeasure, GoalScope, Programme, ProgrammeGoal, Project  # noqa: F401
from programmes.models.targets import Aggregation, Indicator, IndicatorSource, Target  # noqa: F401
