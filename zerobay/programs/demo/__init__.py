"""The demo data of policy programmes (see zerobay.demo.services.APP_DEMOS): one policy of the
Greater Zero Bay innovation area with 46 clauses, last year at the documents' scale (391
applications accepted, 184 projects approved in seven batches, 0.79 bn yuan paid within the year)
and this year at every stage: a call open today, applications waiting for the formal check or
returned for correction, reviews under way, a batch in public notice with an objection, projects
being paid and evaluated.

The clauses, calls and criteria come from zerobay/data/programs_demo.json (our own wording). The
applications are written in bulk, consistently with what the services would have written: each
state is reached through a recorded Transition for every step, amounts respect the clause caps,
payments stay within approvals and approvals within the budgets (budgets are set above what was
approved), the eligibility pre-check is the real check of the enterprise's facts. Deterministic
for a seed; a second run only resets the demo accounts' passwords.

The package: `setting` (scale, logins, helpers), `plan` (who applies, how far), `writing` (the bulk
writer), `loading` (the entry points `load` and `wipe`, called through zerobay.demo.services.APP_DEMOS).
"""

from .loading import load, wipe

__all__ = ["load", "wipe"]
