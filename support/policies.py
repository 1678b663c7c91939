"""The policies the seed plans name (../shared/seeds/), shipped as data by migration 0002 and editable
afterwards in the policy form. Rules follow the seed texts:

- BHYT: thẻ bảo hiểm y tế for people of poor and near-poor households (Luật BHYT; seed 003: "100% người
  nghèo có thẻ BHYT"); the card needs the CCCD number.
- Miễn, giảm học phí: pupils (schooling "attending") of poor, near-poor and newly escaped households
  (seed 002/003: "100% học sinh thuộc diện hộ nghèo, hộ cận nghèo và hộ mới thoát …").
- Tín dụng chính sách: loans of the Ngân hàng Chính sách xã hội to poor, near-poor and newly escaped
  households; a household may borrow more than once a year (repeats flagged, not refused).
- Đào tạo nghề (Dự án 4, tiểu dự án 1): working-age people (15–60) of poor, near-poor and newly
  escaped households.
- Dinh dưỡng (Dự án 3, tiểu dự án 2): children under 5 of poor and near-poor households.
- Nhà ở (Dự án 5): 40 million đồng to build, 20 million to repair, once, for poor and near-poor
  households whose housing is deprived (indicators 7 quality, 8 area).
- Thông tin (Dự án 6, tiểu dự án 1): poor, near-poor and newly escaped households using telecom and
  information services.
"""
POOR_NEAR = {"status": ["poor", "near_poor"]}
POOR_NEAR_NEW = {"status": ["poor", "near_poor", "newly_escaped"]}

SEED_POLICIES = [
    {"code": "bhyt", "name": "Hỗ trợ thẻ bảo hiểm y tế cho người thuộc hộ nghèo, hộ cận nghèo", "project": None,
     "agency_kind": "service", "beneficiary": "person", "measure": "card", "period": "year",
     "needs_id_number": True, "rule": POOR_NEAR, "legal_basis": "Luật Bảo hiểm y tế; Nghị định 146/2018/NĐ-CP"},
    {"code": "hoc-phi", "name": "Miễn, giảm học phí cho học sinh thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo",
     "project": None, "agency_kind": "department", "beneficiary": "person", "measure": "dong", "period": "year",
     "rule": {"all": [POOR_NEAR_NEW, {"member": {"schooling": ["attending"]}}]},
     "legal_basis": "Nghị định 81/2021/NĐ-CP"},
    {"code": "tin-dung", "name": "Cho vay tín dụng chính sách đối với hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo",
     "project": None, "agency_kind": "bank", "beneficiary": "household", "measure": "loan", "period": "year",
     "allows_repeats": True, "rule": POOR_NEAR_NEW, "legal_basis": "Nghị định 78/2002/NĐ-CP"},
    {"code": "dao-tao-nghe", "name": "Hỗ trợ đào tạo nghề cho người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo",
     "project": "DA4-TDA1", "agency_kind": "department", "beneficiary": "person", "measure": "course",
     "period": "year", "needs_id_number": True,
     "rule": {"all": [POOR_NEAR_NEW, {"member": {"age_min": 15, "age_max": 60}}]}},
    {"code": "dinh-duong-duoi-5", "name": "Hỗ trợ cải thiện dinh dưỡng cho trẻ em dưới 5 tuổi thuộc hộ nghèo, hộ cận nghèo",
     "project": "DA3-TDA2", "agency_kind": "service", "beneficiary": "person", "measure": "person",
     "period": "year", "rule": {"all": [POOR_NEAR, {"member": {"age_max": 4}}]}},
    {"code": "nha-o-xay-moi", "name": "Hỗ trợ xây mới nhà ở (40 triệu đồng/hộ)", "project": "DA5",
     "agency_kind": "committee", "beneficiary": "household", "measure": "dong", "period": "once",
     "rule": {"all": [POOR_NEAR, {"deprivation": "7"}]}},
    {"code": "nha-o-sua-chua", "name": "Hỗ trợ sửa chữa nhà ở (20 triệu đồng/hộ)", "project": "DA5",
     "agency_kind": "committee", "beneficiary": "household", "measure": "dong", "period": "once",
     "rule": {"all": [POOR_NEAR, {"any": [{"deprivation": "7"}, {"deprivation": "8"}]}]}},
    {"code": "thong-tin", "name": "Hỗ trợ hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo tiếp cận thông tin",
     "project": "DA6-TDA1", "agency_kind": "department", "beneficiary": "household", "measure": "household",
     "period": "year", "rule": POOR_NEAR_NEW},
]


def load_policies(apps):
    """Create or update the seed policies by code (idempotent: a re-run keeps records and edits of others)."""
    Policy = apps.get_model("support", "Policy")
    Project = apps.get_model("programmes", "Project")
    for data in SEED_POLICIES:
        data = dict(data)
        code = data.pop("project")
        project = Project.objects.filter(programme__code="gnbv-2021-2025", code=code).first() if code else None
        Policy.objects.update_or_create(code=data.pop("code"), defaults={**data, "project": project})
