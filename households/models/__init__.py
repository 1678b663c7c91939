"""Models of the household registry (sổ hộ) and the annual poverty review (rà soát hộ nghèo)."""
from households.models.figures import (  # noqa: F401
    RoundFigure,
    VillageCauseFigure,
    VillageDeprivationFigure,
    VillageFigure,
)
from households.models.procedure import (  # noqa: F401
    MEETING_AGREE_SHARE,
    REQUEST_DAYS,
    Certificate,
    Complaint,
    DocumentCounter,
    DocumentSeries,
    ListSource,
    MeetingVote,
    Posting,
    RecognitionDecision,
    RequestChannel,
    RequestKind,
    ReviewRequest,
    RoundListEntry,
    VillageMeeting,
    request_deadline,
)
from households.models.registry import (  # noqa: F401
    FLAG_FIELDS,
    Household,
    Member,
    Relation,
    Schooling,
    Sex,
    Work,
    id_number_validator,
    mask_id_number,
)
from households.models.reviews import (  # noqa: F401
    EDITABLE_STATES,
    OPEN_STATES,
    RECOGNISED_STATES,
    ROUND_YEAR_MAX,
    ROUND_YEAR_MIN,
    PovertyCause,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
    StatusChange,
)
from households.models.standards import DeprivationIndicator, PovertyStandard  # noqa: F401
