"""The words of reporting completeness: the form chased, the statuses and their labels."""

from zerobay.language import BilingualLabels

MONTHLY = "torch_monthly"
FORMS = {"monthly": MONTHLY}  # the --form names of `zerobay statistics completeness`
DEFAULT_DEADLINE_DAY = 10
CHASE_DAYS = 10  # the chase starts this many days before the deadline ("截止前十日起，每日关注")
ON_TIME, LATE, MISSING = "on_time", "late", "missing"
STATUS_LABELS = BilingualLabels(
    {ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送"},
    {ON_TIME: "On time", LATE: "Late", MISSING: "Missing"},
)
UNASSIGNED = ("", "未分配子园")
