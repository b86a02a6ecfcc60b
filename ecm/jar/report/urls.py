"""Pages of the JAR's judgements and report (issue 9 §6), in the "jar" namespace."""

urlpatterns: list = []
