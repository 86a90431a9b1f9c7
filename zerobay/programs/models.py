"""Models of policy programmes: clauses, calls, applications, review, approval, disbursement, evaluation."""
