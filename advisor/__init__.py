"""Non-UI code of the citizens' adviser dashboard: data access, demo data, CLI."""
