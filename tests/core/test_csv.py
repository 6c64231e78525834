"""core.csv: the one formula guard, and the import base every CSV import builds on."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest

from core.csv import CSVImportForm, csv_response, spreadsheet_safe


def test_spreadsheet_safe_quotes_formulas_and_leaves_other_values():
    assert spreadsheet_safe("=SUM(A1)") == "'=SUM(A1)"
    assert spreadsheet_safe("-2+3") == "'-2+3"
    assert spreadsheet_safe("@cmd") == "'@cmd"
    assert spreadsheet_safe("Ada") == "Ada"
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(None) is None


def test_csv_response_has_a_bom_and_no_formula():
    response = csv_response("x.csv", ["name", "n"], [["=1+1", None], ["Zoë", 2]])
    assert response.content.decode() == "\ufeffname,n\r\n'=1+1,\r\nZoë,2\r\n"


class PeopleImportForm(CSVImportForm):
    file = forms.FileField()
    columns = ("name", "age")
    required_columns = ("name",)
    only_known_columns = True
    max_rows = 4

    def parse_row(self, row, number, errors):
        if not row["age"].isdigit():
            errors.append("age is not a number")
        return row["name"]


def imported(content):
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    form = PeopleImportForm(data={}, files={"file": upload})
    with translation.override("en"):
        form.is_valid()
    return form


def test_rows_are_read_whatever_the_delimiter_and_with_a_bom():
    form = imported("\ufeffName;Age\nAda;36\n\nBen;40\n".encode())
    assert form.is_valid(), form.errors
    assert form.records == ["Ada", "Ben"]


def test_errors_are_collected_by_row_as_a_spreadsheet_numbers_them():
    form = imported(b"name,age\nAda,36\n\nBen,old\nCleo,x\n")
    assert not form.is_valid() and form.records == ["Ada"]
    assert form.row_errors == [(4, ["age is not a number"]), (5, ["age is not a number"])]
    with translation.override("en"):
        assert form.non_field_errors()[0] == "Nothing was imported: 2 rows have to be corrected."


@pytest.mark.parametrize(
    ("content", "field", "code"),
    [
        (b"\x00\x01binary", "file", "binary"),
        ("name\nÀda\n".encode("latin-1"), "file", "encoding"),
        ("\ufeff".encode(), "__all__", "empty"),
        (b"age\n3\n", "__all__", "missing_columns"),
        (b"name,shoe\nAda,40\n", "__all__", "unknown_columns"),
        (b"name,age\n", "__all__", "no_rows"),
        (b"name,age\n" + b"Ada,1\n" * 5, "__all__", "too_many_rows"),
    ],
)
def test_odd_files_are_refused_with_a_reason(content, field, code):
    form = imported(content)
    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()[field]] == [code]
