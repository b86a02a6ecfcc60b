import time
from ecm.performance.models import *
from ecm.performance.services import observations_import
from ecm.authorities.services import councils_load

def test_lait(db, shared_data):
    councils_load()
    t = time.time()
    d = observations_import(actor=None, path=shared_data/"lait"/"bds_long_0.parquet", companion=shared_data/"lait"/"lait_data_dictionary.csv", file_format="lait")
    print("time", time.time()-t)
    print(d.status, d.values_created, d.rows_skipped, d.indicators_created, d.notes, d.problems[:5])
    print(Observation.objects.values("area_kind").annotate(n=models.Count("pk")))
    print(Comparison.objects.count(), Indicator.objects.count())
    t = time.time()
    d = observations_import(actor=None, path=shared_data/"ees"/"cla_number_and_rate_per_10k_children.csv", companion="ecm/performance/data/ees/cla_rate.yaml", file_format="ees")
    print("time", time.time()-t)
    print(d.status, d.values_created, d.rows_skipped, d.indicators_created, d.notes, d.problems[:5])
    print(list(Observation.objects.filter(indicator__code="ees-cla-rate", council__la_number="855").values("period","value","numerator","denominator")))
    print(list(Comparison.objects.filter(indicator__code="ees-cla-rate", council__la_number="855").values()))
