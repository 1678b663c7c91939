import json
import shutil

import pytest

from programmes import reference
from programmes.models import Programme, Project


def _tree(programme):
    projects = Project.objects.filter(programme=programme).select_related("parent")
    return {p.code: p for p in projects}


def test_migration_loads_the_2021_2025_programme_with_its_projects_and_subprojects(db):
    programme = Programme.objects.get(code="gnbv-2021-2025")
    assert "90/QĐ-TTg" in programme.legal_basis
    assert (programme.start_year, programme.end_year) == (2021, 2025)
    tree = _tree(programme)
    top = [p for p in tree.values() if p.parent is None]
    assert sorted(p.number for p in top) == [1, 2, 3, 4, 5, 6, 7]
    subs = {code: p.name for code, p in tree.items() if p.parent is not None}
    assert subs == {
        "DA3-TDA1": "Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp",
        "DA3-TDA2": "Cải thiện dinh dưỡng",
        "DA4-TDA1": "Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn",
        "DA4-TDA2": "Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng",
        "DA4-TDA3": "Hỗ trợ việc làm bền vững",
        "DA6-TDA1": "Giảm nghèo về thông tin",
        "DA6-TDA2": "Truyền thông về giảm nghèo đa chiều",
        "DA7-TDA1": "Nâng cao năng lực thực hiện Chương trình",
        "DA7-TDA2": "Giám sát, đánh giá",
    }
    assert tree["DA3"].name == "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng"
    assert tree["DA3-TDA2"].full_label == "Tiểu dự án 2 thuộc Dự án 3"
    assert str(tree["DA2"]) == "Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo"


def test_projects_are_ordered_as_a_tree(programme):
    codes = list(Project.objects.filter(programme=programme).values_list("code", flat=True))
    assert codes[:5] == ["DA1", "DA2", "DA3", "DA3-TDA1", "DA3-TDA2"]
    assert codes[-3:] == ["DA7", "DA7-TDA1", "DA7-TDA2"]


def test_loading_again_changes_nothing(programme):
    before = list(Project.objects.values_list("pk", "code", "name", "parent_id"))
    reference.load_programmes()
    assert list(Project.objects.values_list("pk", "code", "name", "parent_id")) == before
    assert set(Programme.objects.values_list("code", flat=True)) == {"gnbv-2021-2025", "mtqg-2026-2035"}


def test_a_later_programme_is_added_by_a_data_file_alone(programme, tmp_path, monkeypatch):
    for path in reference.FOLDER.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "programme-gnbv-2026-2030.json").write_text(json.dumps({
        "code": "gnbv-2026-2030", "name": "Chương trình giai đoạn 2026 - 2030", "short_name": "GNBV 2026 - 2030",
        "legal_basis": "Quyết định (giả định)", "start_year": 2026, "end_year": 2030,
        "projects": [{"number": 1, "name": "Dự án mới", "subprojects": [{"number": 1, "name": "Tiểu dự án mới"}]}],
    }), encoding="utf-8")
    monkeypatch.setattr(reference, "FOLDER", tmp_path)
    reference.load_programmes()
    later = Programme.objects.get(code="gnbv-2026-2030")
    assert list(later.projects.values_list("code", flat=True)) == ["DA1", "DA1-TDA1"]
    assert Project.objects.filter(programme=programme).count() == 16  # the first programme is untouched


@pytest.mark.django_db(transaction=True)
def test_reference_data_can_be_reloaded_after_a_flush():
    from support.models import Policy

    Policy.objects.all().delete()  # the shipped support policies name sub-projects (protected); a flush empties both
    Project.objects.filter(parent__isnull=False).delete()
    Project.objects.all().delete()
    Programme.objects.all().delete()
    reference.load_programmes()
    assert Project.objects.filter(programme__code="gnbv-2021-2025", parent__isnull=False).count() == 9
