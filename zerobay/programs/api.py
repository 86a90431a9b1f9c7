"""JSON endpoints of policy programmes: clauses, calls, applications, review, approval, disbursement, evaluation."""

from ninja import Router

router = Router(tags=["programs"])
