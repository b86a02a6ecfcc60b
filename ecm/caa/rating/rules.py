"""Who may see and do what in the CAA's rating part (issue 10). Imported by ecm.caa.rules."""
