"""Demo data of the registry: the 2023 recognised poor and near-poor counts of seed 003 (thị trấn
Cao Thượng, 26 tổ dân phố: 3,898 households, 15,032 people, 90 poor, 135 near-poor), with a 2022
review before it, and a smaller xã Cao Xá. Idempotent: a commune that has households is skipped.
Both rounds are locked by the commune officer, as a commune would have done years ago: new
households go into a regular review, not into a list recognised in 2022 or 2023.
"""
import csv

from django.conf import settings

from households.models import Household
from households.services import round_lock
from households.standards import load_standards
from households.synthetic import Generator, VillageTarget
from povertyplan.audit import record
from povertyplan.models import AdministrativeUnit, Officer, Role

SEED = 3
YEARS = [2022, 2023]
TABLE = "fixtures/demo/households-2023.csv"
# xã Cao Xá (rural): a smaller registry for the second commune officer
CAO_XA = {"07336-01": (150, 5, 7), "07336-02": (120, 3, 6), "07336-03": (90, 4, 3)}


def seed_table():
    with open(settings.BASE_DIR / TABLE, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _closed(code):
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=False)


def load(stdout):
    load_standards()
    generator = Generator(seed=SEED, years=YEARS, target_year=2023)
    town = [VillageTarget(_closed(row["village_code"]), int(row["households"]), int(row["members"]), int(row["poor"]),
                          int(row["near_poor"])) for row in seed_table()]
    cao_xa = [VillageTarget(_closed(code), households, poor=poor, near_poor=near)
              for code, (households, poor, near) in CAO_XA.items()]
    for commune_code, targets in (("07339", town), ("07336", cao_xa)):
        commune = _closed(commune_code)
        if Household.objects.filter(commune=commune).exists():
            stdout.write(f"  {commune.full_name}: đã có sổ hộ, bỏ qua")
            continue
        before = dict(generator.stats)
        rounds = generator.rounds_for(commune)
        codes = set()
        for target in targets:
            generator.village(target, rounds, codes)
        made = {k: generator.stats[k] - before[k] for k in before}
        record(actor=None, action="household.generate", object_type="households.household", unit=commune,
               after={**made, "years": YEARS, "seed": SEED})
        officer = Officer.objects.filter(unit=commune, role=Role.COMMUNE).select_related("user").first()
        for review_round in rounds.values():
            if officer is not None:
                round_lock(actor=officer.user, round=review_round)
        stdout.write(f"  {commune.full_name}: {made['households']} hộ, {made['members']} nhân khẩu, "
                     f"{made['reviews']} kết quả rà soát")
