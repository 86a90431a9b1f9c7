"""Documents that combine the apps: the monthly bulletin (.docx) and cross-app exports. Nobody imports this app."""
