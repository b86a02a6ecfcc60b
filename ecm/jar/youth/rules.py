"""Who may see and do what in the JAR's youth part (issue 9). Imported by ecm.jar.rules."""
