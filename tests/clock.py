"""The day the whole suite runs on, whatever the machine's clock says (tests/conftest.py travels there)."""

import datetime
from zoneinfo import ZoneInfo

# A Tuesday, 09:00 in Hà Nội: a working day, with Cần Thơ's 2025 plan long closed.
SUITE_NOW = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = SUITE_NOW.date()
