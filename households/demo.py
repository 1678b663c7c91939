"""Demo data of the registry: the 2023 recognised poor and near-poor counts of seed 003 (thị trấn
Cao Thượng, 26 tổ dân phố: 3,898 households, 15,032 people, 90 poor, 135 near-poor), with a 2022
review before it and the 2024 review its plan expected after it (households.demo_history), and a
smaller xã Cao Xá. Idempotent: a commune that has households is skipped. Every round is locked by the
commune officer, as a commune would have done years ago: new households go into a regular review, not
into a list recognised in 2022–2024. Today (load_present): xã Tân Yên's 2025 and 2026 periodic rounds.
"""
import csv

from django.conf import settings
from django.db.models import Q

from households import demo_history
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


def _open(code):
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=True)


def _officer(commune, role):
    officer = Officer.objects.filter(unit=commune, role=role).select_related("user").first()
    return officer.user if officer is not None else None


def load_present(stdout):
    """Today: the households of thị trấn Cao Thượng and xã Cao Xá live in xã Tân Yên (carried with their
    tổ dân phố and villages; their 2022–2024 reviews stay with the old communes' rounds), which recognised
    the 2025 periodic review (autumn 2025, after the reform) and is in the middle of the 2026 one.

    The 2026 periodic round follows the procedure of QĐ 24 Art. 4 (households.demo_procedure): its results
    are entered (some submitted, some drafts, the rest still to enter: the progress page counts them), half
    of its villages have met, the posting has not started, so none of it is recognised yet: the chairman
    recognises a periodic round by one decision after the posting. What xã Tân Yên recognised in 2026 so far
    are its monthly regular reviews (QĐ 24 Art. 5), one decision each."""
    import random

    from households import demo_procedure
    from households.models import PovertyStandard, ReviewRound, RoundKind
    from households.services import households_carry, review_create, review_submit, round_create

    tan_yen = _open("07339")
    # xã Cao Xá numbered its households like the town: its codes take the prefix "CX-"
    moved = sum(households_carry(actor=None, old_commune=_closed(code), new_commune=tan_yen, code_prefix=prefix)
                for code, prefix in (("07339", ""), ("07336", "CX-")))
    stdout.write(f"  {tan_yen.full_name}: {moved} hộ chuyển từ thị trấn Cao Thượng và xã Cao Xá")
    officer, leader = _officer(tan_yen, Role.COMMUNE), _officer(tan_yen, Role.LEADER)
    if officer is None:
        return
    if not ReviewRound.objects.filter(commune=tan_yen, year=2025, kind=RoundKind.PERIODIC).exists():
        _periodic_2025(stdout, tan_yen, officer)
    if ReviewRound.objects.filter(commune=tan_yen, year=2026, kind=RoundKind.PERIODIC).exists():
        demo_procedure.load(stdout, tan_yen)  # says it is already there
        return
    _regular_2026(stdout, tan_yen, officer, leader)
    review_round = round_create(actor=officer, commune=tan_yen, year=2026)
    standard = PovertyStandard.objects.in_force(review_round.standard_date()).get()
    indicators = list(standard.indicators.order_by("order"))
    rng = random.Random(SEED)
    counts = {"submitted": 0, "draft": 0}
    for village in tan_yen.children.order_by("code")[:4]:
        for index, household in enumerate(village.households.order_by("code")[:12]):
            poor = index % 4 == 0
            review = review_create(actor=officer, household=household, round=review_round,
                                   income_per_capita=rng.randrange(1_200_000, 2_000_000) if poor
                                   else rng.randrange(3_500_000, 9_000_000),
                                   deprivations=rng.sample(indicators, 3 if poor else 1))
            if index % 3 == 2:
                counts["draft"] += 1
                continue
            review_submit(actor=officer, review=review)
            counts["submitted"] += 1
    stdout.write(f"  {tan_yen.full_name}: rà soát định kỳ 2026 — {counts['submitted']} đã gửi, "
                 f"{counts['draft']} bản nháp")
    demo_procedure.load(stdout, tan_yen)


def _periodic_2025(stdout, commune, officer):
    """The 2025 periodic review of xã Tân Yên on every household carried to it, recognised and locked."""
    review_round = demo_history.periodic_round(commune, 2025)
    made = demo_history.add_year(review_round, {v: None for v in commune.children.order_by("code")},
                                 seed=SEED + 2025)
    record(actor=None, action="household.generate", object_type="households.household", unit=commune,
           after={"reviews": made["households"], "years": [2025], "seed": SEED})
    round_lock(actor=officer, round=review_round)
    stdout.write(f"  {commune.full_name}: rà soát định kỳ 2025 — {made['households']} hộ, {made['poor']} hộ nghèo, "
                 f"{made['near_poor']} hộ cận nghèo")


def _regular_2026(stdout, commune, officer, leader):
    """Rà soát thường xuyên of 2026 (QĐ 24 Art. 5): each quarter a household of a village asks to leave the
    poor list, one falls into poverty; the leader recognises them by decision."""
    import datetime

    from households.models import PovertyStandard, RoundKind
    from households.services import review_create, review_recognise, review_submit, round_create

    made = 0
    for month, village_index in ((3, 4), (6, 5), (9, 6)):
        review_round = round_create(actor=officer, commune=commune, year=2026, kind=RoundKind.REGULAR, month=month)
        standard = PovertyStandard.objects.in_force(review_round.standard_date()).get()
        indicators = list(standard.indicators.order_by("order"))
        village = commune.children.order_by("code")[village_index]
        poor = village.households.filter(current_review__classification="poor").order_by("code").first()
        other = village.households.exclude(current_review__classification="poor").order_by("code").first()
        for household, income, deprived in ((poor, 4_500_000, indicators[:1]), (other, 1_300_000, indicators[:3])):
            if household is None:
                continue
            review = review_create(actor=officer, household=household, round=review_round,
                                   income_per_capita=income, deprivations=deprived)
            review_submit(actor=officer, review=review)
            if leader is not None:
                review_recognise(actor=leader, review=review, decision_number=f"{month:02d}/QĐ-UBND",
                                 decision_date=datetime.date(2026, month + 1, 5))
            made += 1
    stdout.write(f"  {commune.full_name}: rà soát thường xuyên 2026 — {made} hộ biến động (tháng 3, 6, 9)")


def load(stdout):
    load_standards()
    generator = Generator(seed=SEED, years=YEARS, target_year=2023)
    town = [VillageTarget(_closed(row["village_code"]), int(row["households"]), int(row["members"]), int(row["poor"]),
                          int(row["near_poor"])) for row in seed_table()]
    cao_xa = [VillageTarget(_closed(code), households, poor=poor, near_poor=near)
              for code, (households, poor, near) in CAO_XA.items()]
    for commune_code, targets in (("07339", town), ("07336", cao_xa)):
        commune = _closed(commune_code)
        # its households may since have moved with their villages to xã Tân Yên (load_present)
        if Household.objects.filter(Q(commune=commune) | Q(village__predecessors__parent=commune)).exists():
            stdout.write(f"  {commune.full_name}: đã có sổ hộ, bỏ qua")
            continue
        before = dict(generator.stats)
        rounds = generator.rounds_for(commune)
        codes = set()
        for target in targets:
            generator.village(target, rounds, codes)
        # 2024: the seed plan's expected counts in the town's groups, Cao Xá's villages as in 2023
        expected = demo_history.seed_2024() if commune_code == "07339" else {}
        rounds[2024] = demo_history.periodic_round(commune, 2024)
        later = demo_history.add_year(rounds[2024], {t.village: expected.get(t.village.code) for t in targets},
                                      seed=SEED + 2024)
        made = {k: generator.stats[k] - before[k] for k in before}
        made["reviews"] += later["households"]
        record(actor=None, action="household.generate", object_type="households.household", unit=commune,
               after={**made, "years": [*YEARS, 2024], "seed": SEED})
        officer = Officer.objects.filter(unit=commune, role=Role.COMMUNE).select_related("user").first()
        for review_round in rounds.values():
            if officer is not None:
                round_lock(actor=officer.user, round=review_round)
        stdout.write(f"  {commune.full_name}: {made['households']} hộ, {made['members']} nhân khẩu, "
                     f"{made['reviews']} kết quả rà soát")
    load_present(stdout)
