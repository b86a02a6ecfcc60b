"""Who may see and do what in the JAR's voluntary part (issue 9). Imported by ecm.jar.rules."""
