"""CSV out and in: downloads that spreadsheets open safely, and the base of every CSV import.

Out: ``csv_response`` (open data) and ``SafeSpreadsheetExportMixin`` (the
admin's listing exports) start with a byte order mark and quote every cell a
spreadsheet would run as a formula (``spreadsheet_safe``, the one guard).

In: ``CSVImportForm`` checks the file (size, text, UTF-8), finds its
delimiter, checks the header row and reads every row, collecting the errors by
row: the import happens only when every row is right.
"""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Excel opens a CSV without a byte order mark as Windows-1252 and mangles every
# accent and all Arabic; with it, Excel, LibreOffice and pandas read UTF-8.
CSV_BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet shows as text: a leading formula character gets a quote.

    Anything but text (numbers, dates, None) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_response(filename, header, rows):
    """A UTF-8 CSV download (with a BOM for Excel), every cell safe from formula injection."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(
        [spreadsheet_safe("" if cell is None else str(cell)) for cell in row] for row in rows
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class SafeSpreadsheetExportMixin:
    """For a Wagtail listing view with ``list_export``: its CSV as safe as ``csv_response``.

    (Wagtail's XLSX export already keeps formulas as text.)
    """

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        safe = {name: spreadsheet_safe(value) for name, value in row_dict.items()}
        return super().write_csv_row(writer, safe)


class CSVImportForm(forms.Form):
    """The base of a CSV import: the file is checked and read here, each row by the subclass.

    A subclass declares a ``file`` FileField, names its ``columns`` (and which are
    ``required_columns``; with ``only_known_columns`` any other column is refused),
    and reads one row in ``parse_row``. After ``is_valid()``, ``records`` holds what
    ``parse_row`` returned for every row; when a row is wrong, ``row_errors`` lists
    ``(row number, [messages])`` and the form is invalid: nothing is imported.
    ``import_messages`` may be overridden key by key.
    """

    columns = ()
    required_columns = ()
    only_known_columns = False
    max_bytes = 5 * 1024 * 1024
    max_rows = 20_000

    import_messages = {
        "too_large": _("The file is larger than 5 MB: split it into several files."),
        "binary": _("The file is not a CSV text file."),
        "encoding": _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
        "empty": _("The file is empty."),
        # %(columns)s: the missing ones.
        "missing_columns": _("The header row lacks the column(s): %(columns)s."),
        # %(columns)s: every column of the import.
        "unknown_columns": _("Unknown columns: %(unknown)s. The columns are: %(columns)s."),
        "too_many_rows": ngettext_lazy(
            "The file has more than %(max)s row.", "The file has more than %(max)s rows.", "max"
        ),
        "unreadable": _("The file could not be read as CSV: %(error)s"),
        "rows": ngettext_lazy(
            "Nothing was imported: %(count)s row has to be corrected.",
            "Nothing was imported: %(count)s rows have to be corrected.",
            "count",
        ),
        "no_rows": _("The file has no rows to import."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []
        self.row_errors = []

    def import_error(self, key, **params):
        return ValidationError(self.import_messages[key] % params, code=key)

    def clean_file(self):
        """The file's text, when it is UTF-8 text of at most ``max_bytes``."""
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise self.import_error("too_large")
        raw = upload.read()
        if b"\x00" in raw:
            raise self.import_error("binary")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise self.import_error("encoding") from None

    def prepare(self, cleaned_data):
        """Get ready to read the rows (what they are checked against); False to not read them."""
        return True

    def parse_row(self, row, number, errors):
        """What row ``number`` (a dict of stripped values by column) holds; append to ``errors``."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("file")
        if text is None or not self.prepare(cleaned):
            return cleaned
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        try:
            header = [column.strip().lower() for column in next(reader)]
        except StopIteration:
            raise self.import_error("empty") from None
        except csv.Error as error:
            raise self.import_error("unreadable", error=error) from None
        self.check_header(header)
        self.read_rows(reader, header)
        if self.row_errors:
            raise self.import_error("rows", count=len(self.row_errors))
        if not self.records:
            raise self.import_error("no_rows")
        return cleaned

    def check_header(self, header):
        missing = [column for column in self.required_columns if column not in header]
        if missing:
            raise self.import_error("missing_columns", columns=", ".join(missing))
        unknown = [column for column in header if column not in self.columns]
        if self.only_known_columns and unknown:
            raise self.import_error(
                "unknown_columns", unknown=", ".join(unknown), columns=", ".join(self.columns)
            )

    def read_rows(self, reader, header):
        # Rows are numbered as a spreadsheet shows them: the header is row 1, blank rows count.
        number = 1
        try:
            for values in reader:
                number += 1
                if not any(value.strip() for value in values):
                    continue
                if number - 1 > self.max_rows:
                    raise self.import_error("too_many_rows", max=self.max_rows)
                row = dict.fromkeys(self.columns, "")
                row.update(
                    (column, value.strip())
                    for column, value in zip(header, values, strict=False)
                    if column
                )
                errors = []
                record = self.parse_row(row, number, errors)
                if errors:
                    self.row_errors.append((number, errors))
                else:
                    self.records.append(record)
        except csv.Error as error:
            raise self.import_error("unreadable", error=error) from None
