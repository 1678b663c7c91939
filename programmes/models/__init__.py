"""Programme structure, agencies, plans (Kế hoạch) and their targets (chỉ tiêu)."""
from programmes.models.agencies import Agency, AgencyKind  # noqa: F401
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
from programmes.models.reporting import Frequency, Period, ReportingRule, Timing  # noqa: F401
from programmes.models.structure import Programme, Project  # noqa: F401
from programmes.models.targets import Indicator, IndicatorSource, Target  # noqa: F401
