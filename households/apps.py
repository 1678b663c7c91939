from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseholdsConfig(AppConfig):
    name = "households"
    verbose_name = _("Hộ gia đình và rà soát")

    def ready(self):
        from households import (
            audit_labels,  # noqa: F401  (how this app's audit events read)
            jobs,  # noqa: F401  (registers the export and import jobs)
        )
