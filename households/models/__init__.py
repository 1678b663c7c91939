"""Models of the household registry (sổ hộ) and the annual poverty review (rà soát hộ nghèo)."""
from households.models.standards import DeprivationIndicator, PovertyStandard  # noqa: F401
