from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Chương trình, kế hoạch")

    def ready(self):
        from programmes import audit_labels  # noqa: F401  (how this app's audit events read)
