"""Who may see and do what in the JAR's judgements and report (issue 9 §6)."""
