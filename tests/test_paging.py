"""Page arithmetic of the paginated lists."""

from portal.services.paging import page_count


def test_page_count_rounds_up_and_an_empty_list_is_one_page() -> None:
    assert [page_count(total, 20) for total in (0, 1, 20, 21, 40, 41)] == [1, 1, 1, 2, 2, 3]
