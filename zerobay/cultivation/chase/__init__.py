"""The monthly reporting chase (营收报库) and 升规纳统, under /cultivation/reporting/:

- months: which month is chased, the filtered list, the spreadsheet rows;
- reminders: in-app and e-mail reminders to the enterprises whose report is missing;
- views, urls, api: the pages and JSON endpoints; exports: their spreadsheets;
- demo: the demo data of the chase (called from cultivation.demo).
"""

from .months import chased_period, default_period, shift

__all__ = ["chased_period", "default_period", "shift"]
