"""Programme structure, agencies, plans (Kế hoạch) and their targets (chỉ tiêu)."""
from programmes.models.agencies import Agency, AgencyKind  # noqa: F401
from programmes.models.structure import Programme, Project  # noqa: F401
