"""Statistical neighbours computed from context data (issue 3 §8): the service
`neighbour_model_compute` and `manage.py compute_neighbours`.

The context: six real councils with one or two variables, chosen so that each council's two
nearest are plain to see (IDACI 0.10, 0.11, 0.12 in the East Midlands; 0.30, 0.31, 0.33 in the
West Midlands).
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from ecm.audit.models import AuditEntry
from ecm.authorities.models import StatisticalNeighbour, StatisticalNeighbourModel
from ecm.authorities.services import statistical_neighbours_import
from ecm.performance.engine.neighbours import BAD_K, BAD_WEIGHT, MISSING_VALUE
from ecm.performance.importers.common import ImportRejected
from ecm.performance.models import Comparison
from ecm.performance.services import neighbours as service
from ecm.performance.services.comparisons import neighbour_model_current
from ecm.performance.services.neighbours import neighbour_model_compute
from ecm.performance.tests.conftest import build_world

CONTEXT = """council,idaci,fsm
E10000018,0.10,12.0
856,0.11,12.5
857,0.12,13.0
330,0.30,30.0
331,0.31,31.0
332,0.33,33.0
"""
COUNCILS = ["855", "856", "857", "330", "331", "332"]
NEAREST_TWO = {
    "855": ["856", "857"],
    "856": ["855", "857"],  # 0.01 to both: equal distances go by council code
    "857": ["856", "855"],
    "330": ["331", "332"],
    "331": ["330", "332"],
    "332": ["331", "330"],
}


def compute(path, *, weights=None, code="computed-test", k=2, actor=None):
    return neighbour_model_compute(
        actor=actor,
        context_path=path,
        weights=weights or {"idaci": 1.0},
        code=code,
        title="Computed test neighbours",
        k=k,
    )


def _stored() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for council, neighbour in StatisticalNeighbour.objects.order_by(
        "council__la_number", "rank"
    ).values_list("council__la_number", "neighbour__la_number"):
        found.setdefault(council, []).append(neighbour)
    return found


def test_a_model_is_stored_with_k_neighbours_each_and_audited(
    real_councils, write_file, administrator
):
    """Issue 3 §8: neighbours from chosen context variables (standardised, weighted Euclidean
    distance, nearest first); stored as a model and audited."""
    path = write_file("context.csv", CONTEXT)

    model = compute(path, weights={"idaci": 2.0, "fsm": 1.0}, actor=administrator)

    assert model.code == "computed-test"
    assert model.published_on == datetime.date.today()
    assert model.source == "Computed from context.csv: idaci weighted 2, fsm weighted 1"
    assert _stored() == NEAREST_TWO
    ranks = set(model.neighbours.values_list("rank", flat=True))
    assert ranks == {1, 2}
    entry = AuditEntry.objects.get(verb="statistical_neighbours.computed")
    assert entry.actor == administrator
    assert entry.target_id == str(model.pk)
    assert entry.after == {"weights": {"idaci": 2.0, "fsm": 1.0}, "k": 2, "councils": 6}


def test_computing_the_same_code_again_replaces_the_computed_model(real_councils, write_file):
    path = write_file("context.csv", CONTEXT)
    compute(path, k=2)
    compute(path, k=1)
    assert StatisticalNeighbourModel.objects.count() == 1
    assert StatisticalNeighbour.objects.count() == 6
    assert AuditEntry.objects.filter(verb="statistical_neighbours.computed").count() == 2


def test_the_computed_model_becomes_current_and_the_comparisons_follow(
    real_councils, write_file, tmp_path, shared_data, django_capture_on_commit_callbacks
):
    """Issue 3 §8 with §3: the new model becomes the one comparisons use, and the stored
    neighbours' figures are recomputed with it."""
    build_world(tmp_path, councils=COUNCILS, indicators=1, years=[2025])
    with django_capture_on_commit_callbacks(execute=True):
        statistical_neighbours_import(path=shared_data / "lait" / "sn_may_2025.xlsx")
    published = neighbour_model_current()
    assert published.code == "dfe-2025"
    before = Comparison.objects.get(council__la_number="855")

    with django_capture_on_commit_callbacks(execute=True):
        model = compute(write_file("context.csv", CONTEXT))

    assert neighbour_model_current() == model
    after = Comparison.objects.get(council__la_number="855")
    values = dict(
        Comparison.objects.values_list("council__la_number", "value").filter(period="2025")
    )
    assert after.neighbours_count == 2
    assert after.neighbours_mean == pytest.approx((values["856"] + values["857"]) / 2)
    assert (before.neighbours_count, before.neighbours_mean) != (2, after.neighbours_mean)


def test_the_command_computes_and_says_how_many(real_councils, write_file):
    out = io.StringIO()
    path = write_file("context.csv", CONTEXT)

    call_command(
        "compute_neighbours", str(path), "--weight", "idaci=1", "--weight", "fsm=0.5",
        "--code", "computed-2007", "--title", "Computed 2007", "--k", "2", stdout=out,
    )  # fmt: skip

    assert out.getvalue().strip() == "Computed 2007: 12 neighbours"
    assert StatisticalNeighbourModel.objects.get().code == "computed-2007"


# --- refusals: a clear error, nothing stored ---------------------------------------------------


def _nothing_stored() -> None:
    assert not StatisticalNeighbourModel.objects.exists()
    assert not StatisticalNeighbour.objects.exists()
    assert not AuditEntry.objects.filter(verb="statistical_neighbours.computed").exists()


@pytest.mark.parametrize("weight", ["idaci=lots", "idaci", "idaci=1=2"])
def test_the_command_refuses_a_weight_that_is_not_name_equals_number(
    real_councils, write_file, weight
):
    path = write_file("context.csv", CONTEXT)
    with pytest.raises(CommandError, match="Each --weight is NAME=NUMBER"):
        call_command(
            "compute_neighbours", str(path), "--weight", weight, "--code", "c", "--title", "T"
        )
    _nothing_stored()


@pytest.mark.parametrize(
    ("weights", "k", "message"),
    [
        ({"idaci": -1.0}, 2, BAD_WEIGHT.format(variable="idaci", weight=-1.0)),
        ({"idaci": 0.0}, 2, "No context variable has a positive weight."),
        ({"idaci": 1.0}, 6, BAD_K.format(most=5, k=6)),
    ],
)
def test_bad_weights_or_k_are_refused(real_councils, write_file, weights, k, message):
    """Issue 3 §8: weights must be numbers of at least 0, one of them positive; k at most the
    number of councils less one."""
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT), weights=weights, k=k)
    assert [p.reason for p in raised.value.problems] == [message]
    _nothing_stored()


def test_a_weight_for_a_variable_the_file_lacks_is_refused(real_councils, write_file):
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT), weights={"idaci": 1, "poverty": 1})
    assert [(p.column, p.reason) for p in raised.value.problems] == [
        ("poverty", service.NO_SUCH_VARIABLE)
    ]
    _nothing_stored()


def test_an_unknown_council_is_refused_with_its_row(real_councils, write_file):
    text = CONTEXT.replace("331,", "999,").replace("332,", "E06009999,")
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", text))
    found = [(p.row, p.column, p.value, p.reason) for p in raised.value.problems]
    assert found == [
        (6, "council", "999", service.UNKNOWN_COUNCIL),
        (7, "council", "E06009999", service.UNKNOWN_COUNCIL),
    ]
    _nothing_stored()


def test_a_value_that_is_not_a_number_is_refused_with_its_row(real_councils, write_file):
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT.replace("0.12,", "0.1two,")))
    found = [(p.row, p.column, p.value, p.reason) for p in raised.value.problems]
    assert found == [(4, "idaci", "0.1two", service.NOT_A_NUMBER)]
    _nothing_stored()


def test_a_missing_value_of_a_weighted_variable_is_refused(real_councils, write_file):
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT.replace("0.12,", ",")))
    assert [p.reason for p in raised.value.problems] == [
        MISSING_VALUE.format(council="857", variable="idaci")
    ]
    _nothing_stored()


def test_a_file_without_a_council_column_is_refused(real_councils, write_file):
    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT.replace("council,", "la,")))
    assert [p.reason for p in raised.value.problems] == [service.NO_COUNCIL_COLUMN]
    _nothing_stored()


def test_the_command_lists_the_problems(real_councils, write_file):
    path = write_file("context.csv", CONTEXT.replace("331,", "999,"))
    with pytest.raises(CommandError) as raised:
        call_command(
            "compute_neighbours", str(path), "--weight", "idaci=1", "--code", "c", "--title", "T"
        )
    message = str(raised.value)
    assert message.startswith("Nothing was computed:")
    assert f'Row 6, column "council": "999" {service.UNKNOWN_COUNCIL}' in message
    _nothing_stored()


def test_a_published_model_is_never_replaced_by_a_computed_one(
    real_councils, write_file, shared_data
):
    """A computed model replaces an earlier computed model of the same code
    (neighbour_model_compute), never DfE's published list."""
    statistical_neighbours_import(path=shared_data / "lait" / "sn_may_2025.xlsx")
    published = StatisticalNeighbourModel.objects.get(code="dfe-2025")
    rows = StatisticalNeighbour.objects.filter(model=published).count()

    with pytest.raises(ImportRejected) as raised:
        compute(write_file("context.csv", CONTEXT), code="dfe-2025")

    assert [p.reason for p in raised.value.problems] == [service.PUBLISHED_MODEL]
    published.refresh_from_db()
    assert StatisticalNeighbour.objects.filter(model=published).count() == rows
    assert published.published_on != datetime.date.today()


def test_many_variables_still_store_a_source_that_fits(real_councils, write_file):
    """The model's source names the weights; with many long-named variables it must still fit
    its column (PostgreSQL refuses a value longer than 300 characters)."""
    names = [f"context_variable_number_{i:02d}" for i in range(15)]
    rows = [f"{la},{','.join(str(int(la) * (i + 1) % 97) for i in range(15))}" for la in COUNCILS]
    path = write_file("context.csv", "\n".join([f"council,{','.join(names)}", *rows]))

    model = compute(path, weights=dict.fromkeys(names, 1.0))

    model.refresh_from_db()
    assert model.source.startswith("Computed from context.csv: context_variable_number_00")
    assert len(model.source) <= StatisticalNeighbourModel._meta.get_field("source").max_length
