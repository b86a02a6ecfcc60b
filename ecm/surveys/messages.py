"""Words shared by the annual questionnaires' services and forms (issue 24 §3)."""

NOT_AN_OPTION = "Choose one of the answers given for: {text}"
