"""Pages of the CAA's unannounced part (issue 10), in the "caa" namespace (ecm.caa.urls)."""

urlpatterns: list = []
