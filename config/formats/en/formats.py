# English pages keep the dd/mm/yyyy dates of the Vietnamese documents they show.
from config.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
