from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PovertyplanConfig(AppConfig):
    name = "povertyplan"
    verbose_name = _("Hệ thống và đơn vị hành chính")

    def ready(self):
        from povertyplan import audit_labels, receivers  # noqa: F401  (audit trail: auth signals, how events read)
