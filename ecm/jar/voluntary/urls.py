"""Pages of the JAR's voluntary part (issue 9), included in the "jar" namespace by ecm.jar.urls."""

urlpatterns: list = []
