"""The import reads, checks and writes its file CHUNK rows at a time: each chunk costs the same queries, so a
file of 6 chunks costs as many more than one of 4 as that one costs more than one of 2."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from households.models import Household, Member, Review
from households.services import imports
from households.services.imports import households_import
from tests.households.test_excel import upload, workbook

CHUNK = 3
# pinned: a chunk of each sheet, 3 households with their review results and 3 members: the check pass reads the
# members' CCCD owners (1); the write pass saves the households (5: savepoint, lock, insert, audit, release), the
# review results (3: insert, their deprivations, audit), their histories (3) and the members (5: their households,
# savepoint, insert, audit, release). The kept figures are refreshed once, at the end.
PER_CHUNK = 17


def _file(start, count):
    households, members = [], []
    for n in range(start, start + count):
        code = f"HS-{n:04d}"
        households.append([code, f"07339-{n % 3 + 1:02d}", f"Nguyễn Văn {n}", "", "", "", "", "", 2024, "1.800.000",
                           "1", "", "", ""])
        members.append([code, f"Nguyễn Văn {n}", "Nam", "", 1970, f"0240700{n:05d}", "Chủ hộ", "Kinh", "Có", "", ""])
    return upload(workbook(households, members))


def test_each_chunk_costs_the_same_queries(officer, units, standards, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK", CHUNK)
    households_import(actor=officer, commune=units["07339"], file=_file(0, 1))  # opens the 2024 round once
    counts, start = {}, 100
    for chunks in (2, 4, 6):
        with CaptureQueriesContext(connection) as queries:
            result = households_import(actor=officer, commune=units["07339"], file=_file(start, CHUNK * chunks))
        assert (result.households_created, result.members_created, result.reviews_created) == (CHUNK * chunks,) * 3
        counts[chunks] = len(queries)
        start += 100
    assert counts[4] - counts[2] == counts[6] - counts[4] == 2 * PER_CHUNK, counts
    assert Household.objects.count() == Member.objects.count() == Review.objects.count() == 1 + CHUNK * (2 + 4 + 6)


@pytest.mark.parametrize("chunk", [2, 1000])
def test_chunks_do_not_change_what_is_found(officer, units, standards, monkeypatch, chunk):
    """A duplicate code and a second head across chunk boundaries are found whatever the chunk size."""
    from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS

    monkeypatch.setattr(imports, "CHUNK", chunk)
    households = [*GOOD_HOUSEHOLDS, [*GOOD_HOUSEHOLDS[0][:3], "", "", "", "", "", "", "", "", "", "", ""]]
    members = [*GOOD_MEMBERS, ["HS-0001", "Trần Văn Dũng", "Nam", "", 1968, "", "Chủ hộ", "Kinh", "", "", ""]]
    with pytest.raises(imports.ImportFailed) as failure:
        households_import(actor=officer, commune=units["07339"], file=upload(workbook(households, members)))
    assert [str(e) for e in failure.value.errors] == [
        "Trang tính Hộ gia đình, dòng 5, cột A (Mã hộ): mã hộ HS-0001 trùng với dòng 2.",
        "Trang tính Thành viên, dòng 2, cột G (Quan hệ với chủ hộ): hộ HS-0001 có hơn một chủ hộ.",
        "Trang tính Thành viên, dòng 6, cột G (Quan hệ với chủ hộ): hộ HS-0001 có hơn một chủ hộ."]
    assert not Household.objects.exists()
