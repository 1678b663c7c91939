# English uses the same dd/mm/yyyy dates and Vietnamese separators as Vietnamese.
from povertyplan.formats.vi.formats import *  # noqa: F403
