from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Chính sách hỗ trợ")

    def ready(self):
        from support import audit_labels  # noqa: F401  (how this app's audit events read)
