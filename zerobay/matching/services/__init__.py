"""The hall's business actions beyond publishing (workflow.py) and the funnel (funnel.py), as plain
functions: pages and the API call these; they write, audit and notify."""
