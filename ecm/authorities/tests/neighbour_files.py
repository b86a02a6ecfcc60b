"""Small statistical neighbour files in DfE's three shapes, for tests that spoil them."""

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

# East Midlands and nearby councils of the project's council list; each row names ten of them.
POOL = ["830", "831", "855", "856", "857", "891", "892", "925", "940", "941", "860"]
BANDS = ["Extremely close", "Very Close", "Close ", "Somewhat close", "Not Close"]
LAYOUTS = ("wide.csv", "groups.csv", "groups.xlsx")


def sample_rows() -> list[list]:
    """[[LA number, name, [[neighbour, band] x 10]], ...] for three councils."""
    names = {"855": "Leicestershire", "856": "Leicester", "857": "Rutland"}
    return [
        [la, name, [[n, BANDS[i // 2]] for i, n in enumerate(p for p in POOL if p != la)][:10]]
        for la, name in names.items()
    ]


def write(folder: Path, layout: str, rows: list[list], *, name: str = "sn_test_2030") -> Path:
    path = folder / f"{name}.{layout.rsplit('.', 1)[1]}"
    if layout == "wide.csv":
        header = ["old_la_code", "la_name", "region_ind", "region_name"]
        header += [h for k in range(1, 11) for h in (f"SN_{k}", f"SN_{k}P")]
        body = [[la, nm, "4", "East Midlands", *_flat(sn)] for la, nm, sn in rows]
        _write_csv(path, [header, *body], encoding="utf-8-sig")  # with a BOM, as DfE's
    else:
        header = ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]
        header += [h for k in range(1, 11) for h in (f"SN{k}", "SNP")]
        body = [[la, nm, la, 4, "East Midlands", *_flat(sn)] for la, nm, sn in rows]
        if layout == "groups.csv":
            _write_csv(path, [[*header, ""], *[[*r, ""] for r in body]], encoding="utf-8")
        else:
            _write_xlsx(path, header, body)
    return path


def data_row(layout: str, index: int) -> int:
    """The row number a spreadsheet shows for the index-th council row."""
    return index + (4 if layout.endswith(".xlsx") else 2)


def column(layout: str, rank: int | None = None, *, band: bool = False) -> str:
    """The label of the council's column (rank None) or of a neighbour's number or band."""
    wide = layout == "wide.csv"
    if rank is None:
        return "A (old_la_code)" if wide else "C (LA number)"
    index = (5 if wide else 6) + 2 * (rank - 1) + (1 if band else 0)
    headers = {
        (True, False): f"SN_{rank}",
        (True, True): f"SN_{rank}P",
        (False, False): f"SN{rank}",
        (False, True): "SNP",
    }
    header = headers[wide, band]
    return f"{get_column_letter(index)} ({header})"


def _flat(neighbours: list[list]) -> list:
    return [cell for pair in neighbours for cell in pair]


def _write_csv(path: Path, table: list[list], *, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(table)


def _write_xlsx(path: Path, header: list, body: list[list]) -> None:
    """Like DfE's workbooks: sheet 'LA SN Groups', a row of column letters and a row of numbers
    above the header, LA numbers as numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "LA SN Groups"
    sheet.append([get_column_letter(i) for i in range(1, 6)] + list(range(3, 23)))
    sheet.append(list(range(1, 26)))
    sheet.append(header)
    for row in body:
        sheet.append([int(v) if isinstance(v, str) and v.isdigit() else v for v in row])
    book.save(path)
