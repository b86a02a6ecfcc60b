"""The upload form: files checked by content and size before anything is read (quality bar:
"Uploads are checked by content and size"). The rows are checked while the import reads them
(ecm.performance.importers.common, through ecm.core.uploads.tables; issue 21 §1)."""

from django import forms

from ecm.core.forms import GovUKForm
from ecm.core.uploads import tables
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
    ImportFormat.EES: "Choose the mapping file (YAML) that says which columns to read",
}
TOO_BIG = "The file must be smaller than {limit} MB; this one is {size} MB"
EMPTY = "The selected file is empty"
NOT_TEXT = "The file must be a CSV file saved as UTF-8 text; this one is not text"
NOT_PARQUET_OR_CSV = "The LAIT file must be a Parquet file or a CSV file"
NOT_YAML = "The mapping file must be a YAML text file"
NO_COMPANION_NEEDED = "Only LAIT and Explore Education Statistics files take a second file"


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
    companion_file = forms.FileField(
        label="The dictionary or mapping file (LAIT and Explore Education Statistics only)",
        required=False,
        error_messages={"empty": EMPTY},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = tables.size_words(_max_bytes())  # a setting: said as it is now
        self.fields["data_file"].help_text += f" Up to {limit}."

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        _check_size(upload)
        return upload

    def clean_companion_file(self):
        upload = self.cleaned_data.get("companion_file")
        if upload:
            _check_size(upload)
        return upload

    def clean(self):
        data = super().clean()
        kind, upload = data.get("file_format"), data.get("data_file")
        companion = data.get("companion_file")
        if not kind or not upload:
            return data
        head = _head(upload)
        if kind == ImportFormat.LAIT:
            problem = _kind_problem(head, accept=(tables.CSV, tables.PARQUET))
            if problem or not (head.startswith(b"PAR1") or _is_text(head)):
                self.add_error("data_file", problem or NOT_PARQUET_OR_CSV)
            elif head.startswith(b"PAR1"):
                problem = _parquet_problem(upload)
                if problem:
                    self.add_error("data_file", problem)
        else:
            problem = _kind_problem(head, accept=(tables.CSV,)) or _rows_problem(head)
            if problem or not _is_text(head):
                self.add_error("data_file", problem or NOT_TEXT)
        if kind in NEEDS_COMPANION:
            if not companion:
                self.add_error("companion_file", NEEDS_COMPANION[kind])
            elif not _is_text(_head(companion)):
                self.add_error("companion_file", NOT_YAML if kind == ImportFormat.EES else NOT_TEXT)
        elif companion:
            self.add_error("companion_file", NO_COMPANION_NEEDED)
        return data


class ProfileYearForm(GovUKForm):
    title = "Show figures up to"
    submit_label = "Show"
    year = forms.TypedChoiceField(label="Year", coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
