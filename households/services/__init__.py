"""Every write of the households app (house style: keyword-only, atomic, audited)."""
from households.services.carry import households_carry  # noqa: F401
from households.services.conflicts import VersionConflict  # noqa: F401
from households.services.history import refresh_current_reviews, refresh_history  # noqa: F401
from households.services.procedure import (  # noqa: F401
    certificates_issue,
    complaint_create,
    complaint_resolve,
    meeting_record,
    missing_steps,
    posting_set,
    request_create,
    request_refuse,
    round_follow_procedure,
    round_list_add,
    round_list_build,
)
from households.services.registry import (  # noqa: F401
    household_create,
    household_update,
    member_create,
    member_remove,
    member_update,
)
from households.services.reviews import (  # noqa: F401
    review_create,
    review_recognise,
    review_reopen,
    review_return,
    review_submit,
    review_update,
    round_create,
    round_lock,
    round_recognise,
)
