"""Every write of the programmes app: keyword-only, atomic, validated and audited."""
from programmes.services.agencies import agency_create, agency_update  # noqa: F401
