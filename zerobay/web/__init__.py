"""Web pieces every app's pages share: pagination, tabs, badges, the chart component."""
