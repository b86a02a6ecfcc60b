"""Who may see and do what in the CAA's profile part (issue 10). Imported by ecm.caa.rules."""
