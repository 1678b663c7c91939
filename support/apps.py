from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Chính sách hỗ trợ")

    def ready(self):
        from households.services.figures import figures_changed
        from support import audit_labels  # noqa: F401  (how this app's audit events read)

        figures_changed.connect(_registry_changed, dispatch_uid="support.coverage")


def _registry_changed(sender, village_ids, **kwargs):
    """A registry change moved villages' figures: their kept coverage is recounted in the same transaction."""
    from support.coverage import coverage_refresh

    coverage_refresh(village_ids)
