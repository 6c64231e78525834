"""Admin of capitals: 16 May events (below) and the Capital cycle (cycle_admin)."""

# The Capital cycle: calls, jury, ranking, designation, dashboard panel.
from . import cycle_admin  # noqa: E402, F401
