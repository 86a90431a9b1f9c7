"""The monthly bulletin (月通报 / 工作简报): a frozen snapshot of the apps at the month's cut-off
(snapshot.py), its charts as images (charts.py) and the Word document (document.py)."""
