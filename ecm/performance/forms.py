"""The upload form: files checked by content and size before anything is read (quality bar:
"Uploads are checked by content and size"). The rows are checked while the import reads them
(ecm.performance.importers.common, through ecm.core.uploads.tables; issue 21 §1)."""

from django import forms

from ecm.core.forms import GovUKForm
from ecm.core.uploads import encodings, tables
from ecm.performance.importers.common import NO_CATEGORY
from ecm.performance.importers.mapping_files import project_mapping, project_mappings
from ecm.performance.models import ImportFormat

UPLOAD_FORMATS = [
    (ImportFormat.LAIT.value, ImportFormat.LAIT.label),
    (ImportFormat.EES.value, ImportFormat.EES.label),
    (ImportFormat.FINGERTIPS.value, ImportFormat.FINGERTIPS.label),
    (ImportFormat.LONG.value, ImportFormat.LONG.label),
    (ImportFormat.DEFINITIONS.value, ImportFormat.DEFINITIONS.label),
]
NEEDS_COMPANION = {
    ImportFormat.LAIT: "Choose the LAIT data dictionary (lait_data_dictionary.csv)",
    ImportFormat.EES: (
        "Choose one of the project's mapping files, or upload your own mapping file (YAML)"
    ),
}
OWN_MAPPING = "own"
CHOOSE_MAPPING = "Choose which mapping file says how to read the file"
MAPPING_AND_UPLOAD = (
    "Choose one of the project's mapping files or upload your own, not both: to use your own, "
    'choose "My own mapping file"'
)
ALL_BREAKDOWNS, NO_CATEGORY_ONLY, CHOSEN_BREAKDOWNS = "all", NO_CATEGORY, "chosen"
NAME_BREAKDOWNS = "Enter the Category Types to import, one on each line, as the file writes them"
BREAKDOWNS_ONLY_FINGERTIPS = "Only a Fingertips export has breakdowns to choose from"
EXTRA_ONLY_EES = "Only an Explore Education Statistics file takes a file of denominators: remove it"
TOO_BIG = "The file must be smaller than {limit} MB; this one is {size} MB"
EMPTY = "The selected file is empty"
NOT_TEXT = "The file must be a CSV file saved as UTF-8 text; this one is not text"
NOT_PARQUET_OR_CSV = "The LAIT file must be a Parquet file or a CSV file"
NOT_YAML = "The mapping file must be a YAML text file"
NO_COMPANION_NEEDED = "Only LAIT and Explore Education Statistics files take a second file"


def _mapping_choices() -> list[tuple[str, str]]:
    choices = [
        (m.name, f"{m.data_file} ({m.name}: {len(m.titles)} indicators)")
        for m in project_mappings()
    ]
    return [*choices, (OWN_MAPPING, "My own mapping file, uploaded below")]


def _max_bytes() -> int:
    return tables.table_limits(tables.DATA).max_bytes


def _check_size(upload) -> None:
    # Django counted the bytes as they arrived (never the size the browser declared).
    if upload.size == 0:
        raise forms.ValidationError(EMPTY)
    if upload.size > _max_bytes():
        raise forms.ValidationError(
            TOO_BIG.format(limit=_max_bytes() // 2**20, size=round(upload.size / 2**20, 1))
        )


def _parquet_problem(upload) -> str | None:
    """A Parquet file's cost checked from its footer and batches before it is kept (decision
    0039): its rows, columns and unpacked size would otherwise be found only by the import,
    after the upload was accepted. The real LAIT file takes about 0.4 s."""
    limits = tables.table_limits(tables.DATA)
    try:
        tables.check_parquet(tables.upload_bytes(upload, limits=limits), limits=limits)
    except tables.TableRefused as refused:
        return str(refused)
    finally:
        upload.seek(0)
    return None


def _head(upload, size: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a multibyte character cut at the end is still text
        return error.start >= len(head) - 3
    return True


def _kind_problem(head: bytes, *, accept) -> str | None:
    """What the file is by its bytes, when it is not a kind this format takes (a workbook, a
    PDF, UTF-16 text, an old .xls), in words; a ZIP of anything else is simply not text."""
    try:
        tables.kind_of(head, accept=accept)
    except tables.TableRefused as refused:
        return NOT_TEXT if refused.problem.reason == tables.A_ZIP else str(refused)
    return None


def _rows_problem(head: bytes) -> str | None:
    """The first rows' problem (not UTF-8, a control character), at its row and column: the
    whole file's rows are checked as the import reads them."""
    if b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # whole lines only: a character may be cut
    try:
        tables.check_csv(head, limits=tables.table_limits(tables.DATA))
    except tables.TableRefused as refused:
        # A cell cut at the head's end is no fault of the file's: only what a row holds counts.
        reason = refused.problem.reason
        if reason.startswith(("holds a control", "this row is not UTF-8")):
            return str(refused)
    return None


class DataImportForm(GovUKForm):
    title = "Import indicator data"
    submit_label = "Import"

    file_format = forms.ChoiceField(
        label="What kind of file is it?",
        choices=UPLOAD_FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of file it is"},
    )
    data_file = forms.FileField(
        label="The data file",
        help_text="CSV saved as UTF-8, or Parquet for LAIT long data.",
        error_messages={"required": "Choose the file to import", "empty": EMPTY},
    )
    mapping = forms.ChoiceField(
        label="Explore Education Statistics only: which mapping file says how to read it?",
        help_text="The project's mapping files, by the EES file each reads.",
        choices=(),
        widget=forms.RadioSelect,
        required=False,
    )
    companion_file = forms.FileField(
        label="The LAIT data dictionary, or your own mapping file (YAML)",
        required=False,
        error_messages={"empty": EMPTY},
    )
    denominator_file = forms.FileField(
        label="Explore Education Statistics only: the file the mapping takes denominators from",
        help_text=(
            "Only for mapping files that take a population from another file, such as "
            "ons_mid-year_population_estimates_2012_to_2024.csv for cin_rate.yaml."
        ),
        required=False,
        error_messages={"empty": EMPTY},
    )
    breakdowns = forms.ChoiceField(
        label="Fingertips only: which breakdowns to import?",
        choices=[
            (ALL_BREAKDOWNS, "Every breakdown in the file"),
            (NO_CATEGORY_ONLY, "Only the whole population (rows with no Category Type)"),
            (CHOSEN_BREAKDOWNS, "Only the Category Types named below"),
        ],
        initial=ALL_BREAKDOWNS,
        widget=forms.RadioSelect,
        required=False,
    )
    category_types = forms.CharField(
        label="The Category Types to import, one on each line",
        help_text=(
            'As the file writes them, for example "County & UA deprivation deciles in England '
            '(IMD2019, 4/23 geography)". Write "none" for the whole population.'
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = tables.size_words(_max_bytes())  # a setting: said as it is now
        self.fields["data_file"].help_text += f" Up to {limit}."
        self.fields["mapping"].choices = _mapping_choices()

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        _check_size(upload)
        return upload

    def clean_companion_file(self):
        upload = self.cleaned_data.get("companion_file")
        if upload:
            _check_size(upload)
        return upload

    def clean_denominator_file(self):
        upload = self.cleaned_data.get("denominator_file")
        if upload:
            _check_size(upload)
            problem = _text_problem(_head(upload))
            if problem:
                raise forms.ValidationError(problem)
        return upload

    @property
    def options(self) -> dict:
        """How the import reads the file (observations_import's `options`)."""
        data = self.cleaned_data
        if data.get("file_format") != ImportFormat.FINGERTIPS:
            return {}
        if data.get("breakdowns") == NO_CATEGORY_ONLY:
            return {"breakdowns": [NO_CATEGORY]}
        if data.get("breakdowns") == CHOSEN_BREAKDOWNS:
            return {"breakdowns": _lines(data.get("category_types", ""))}
        return {}

    @property
    def project_mapping(self):
        """The project's mapping file chosen (EES), or None."""
        name = self.cleaned_data.get("mapping")
        if self.cleaned_data.get("file_format") != ImportFormat.EES or name == OWN_MAPPING:
            return None
        return project_mapping(name) if name else None

    def clean(self):
        data = super().clean()
        kind, upload = data.get("file_format"), data.get("data_file")
        if not kind or not upload:
            return data
        head = _head(upload)
        if kind == ImportFormat.LAIT and head.startswith(b"PAR1"):
            problem = _parquet_problem(upload)
            if problem:
                self.add_error("data_file", problem)
        else:
            accept = (tables.CSV, tables.PARQUET) if kind == ImportFormat.LAIT else (tables.CSV,)
            problem = _text_problem(head, accept=accept)
            if problem:
                wrong_kind = kind == ImportFormat.LAIT and problem == NOT_TEXT
                self.add_error("data_file", NOT_PARQUET_OR_CSV if wrong_kind else problem)
        self._clean_companion(kind, data)
        self._clean_choices(kind, data)
        return data

    def _clean_companion(self, kind: str, data: dict) -> None:
        companion, mapping = data.get("companion_file"), data.get("mapping")
        if kind == ImportFormat.EES:
            if mapping and mapping != OWN_MAPPING and companion:
                self.add_error("mapping", MAPPING_AND_UPLOAD)
            elif not companion and mapping in ("", OWN_MAPPING):
                # An uploaded mapping file with no choice made is the person's own.
                self.add_error("mapping" if not mapping else "companion_file", CHOOSE_MAPPING)
            elif companion and _text_problem(_head(companion), rows=False):
                self.add_error("companion_file", NOT_YAML)
        elif kind in NEEDS_COMPANION:
            if not companion:
                self.add_error("companion_file", NEEDS_COMPANION[kind])
            elif _text_problem(_head(companion)):
                self.add_error("companion_file", NOT_TEXT)
        elif companion:
            self.add_error("companion_file", NO_COMPANION_NEEDED)
        if data.get("denominator_file") and kind != ImportFormat.EES:
            self.add_error("denominator_file", EXTRA_ONLY_EES)

    def _clean_choices(self, kind: str, data: dict) -> None:
        chosen = data.get("breakdowns") or ALL_BREAKDOWNS
        if kind != ImportFormat.FINGERTIPS:
            if chosen != ALL_BREAKDOWNS or data.get("category_types", "").strip():
                self.add_error("breakdowns", BREAKDOWNS_ONLY_FINGERTIPS)
        elif chosen == CHOSEN_BREAKDOWNS and not _lines(data.get("category_types", "")):
            self.add_error("category_types", NAME_BREAKDOWNS)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _text_problem(head: bytes, *, accept=(tables.CSV,), rows: bool = True) -> str | None:
    """What is wrong with a text file's first bytes, in words: not a kind this path takes, an
    encoding none of UTF-8, UTF-16 (with its byte-order mark) and Windows-1252 reads (issue
    22 §4: each of those is read), or a first row's control character."""
    try:
        head, _encoding = encodings.as_utf8(head, partial=True)
    except encodings.EncodingRefused as refused:
        return str(refused)
    problem = _kind_problem(head, accept=accept)
    if problem is None and rows:
        problem = _rows_problem(head)
    if problem is None and not _is_text(head):
        problem = NOT_TEXT
    return problem


class ProfileYearForm(GovUKForm):
    title = "Show figures up to"
    submit_label = "Show"
    year = forms.TypedChoiceField(label="Year", coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
