"""The field parsers every view reads its numbers, ids, dates and lookups through, and the bounds they
take from the database columns (issue 24, item 7; the HTTP side is in tests/test_unchecked_values.py)."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import FormData
from starlette.routing import Route

from portal.columns import fits
from portal.models import Comment, LiaisonPoint
from portal.web import convertors
from portal.web.forms import id_of, ids, parse_date, parse_moment, whole_number

SUPERSCRIPT = "²⁰²⁶"  # str.isdigit() says yes, int() raises ValueError
HUGE = "9" * 30  # past every integer column
LONG_CODE = "x" * 33  # one past the 32 characters of a liaison point's code


def test_a_whole_number_is_decimal_digits_within_the_columns_range():
    assert whole_number("42") == 42 and whole_number(" 7 ") == 7
    assert whole_number("１２") == 12  # full-width, as a Chinese input method types them
    for refused in ("²", SUPERSCRIPT, "①", "-1", "+1", "1.5", "1e3", "", "2147483648", HUGE, "9" * 5000):
        assert whole_number(refused) is None, refused
    assert whole_number("2026", minimum=1990, maximum=2100) == 2026
    assert whole_number("2200", minimum=1990, maximum=2100) is None


def test_a_list_of_ids_keeps_the_ids_once_and_drops_the_rest():
    assert ids(["3", "²", HUGE, "3", "0", "-2", "１", "2147483647"]) == [3, 1, 2147483647]
    assert ids([str(n) for n in range(1, 50)], limit=5) == [1, 2, 3, 4, 5]
    assert id_of(FormData([("draft", SUPERSCRIPT)]), "draft") is None
    assert id_of(FormData([("draft", "12")]), "draft") == 12


def test_dates_are_bounded_so_that_date_arithmetic_cannot_overflow():
    assert parse_date("2026-03-01") == date(2026, 3, 1)
    assert parse_date("9999-12-31") is None and parse_date("0001-01-01") is None
    assert parse_moment("2026-03-01T09:30") is not None
    assert parse_moment("9999-12-31T23:59") is None and parse_moment("2026-02-30T09:00") is None


def test_what_fits_a_column_is_read_from_the_model():
    assert fits(LiaisonPoint, "code", "x" * 32) and not fits(LiaisonPoint, "code", LONG_CODE)
    assert fits(Comment, "id", 2**62) and not fits(Comment, "id", 2**63)
    assert not fits(Comment, "id__in", [1, 2**70])
    assert not fits(LiaisonPoint, "code", "GZ\x00")  # PostgreSQL text holds no NUL


def test_a_text_path_parameter_matches_no_more_than_its_column_holds():
    convertors.install()
    route = Route("/liaison-points/{code:point_code}", lambda request: None)
    assert route.path_regex.match("/liaison-points/" + "x" * 32)
    assert route.path_regex.match("/liaison-points/" + "长" * 32)
    assert not route.path_regex.match("/liaison-points/" + LONG_CODE)
    assert not route.path_regex.match("/liaison-points/a/b")
    assert not route.path_regex.match("/liaison-points/a\x00b")  # no code has a control character
