"""Who may see and do what in the JAR's documents part (issue 9). Imported by ecm.jar.rules."""
