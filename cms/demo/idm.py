"""Sample IDM scores for the demo, so the IDM chart and trends show something.

No official IDM score of a Pejawaran desa was found in a reliable source, so
these are made up, deterministically per desa (seeded by its Kemendagri
code), within the range the statuses of Permendesa PDTT 2/2016 span in
practice (Tertinggal to Maju), and each says so in its `source`, which the
admin list and the desa dashboard API show.
"""

import hashlib
from decimal import Decimal

from django.utils import timezone

from cms.dashboard.models import IDMScore
from cms.desa.models import DesaHomePage

SAMPLE_SOURCE = "Data contoh untuk demo, bukan data resmi Kemendesa"
# Sample scores run from just above Sangat Tertinggal (0.4907) to Maju
# (<= 0.8155); most desa are Berkembang, as across Jawa Tengah.
LOWEST, SPREAD = Decimal("0.5600"), Decimal("0.2100")
STEP = Decimal("0.0001")


def _fraction(seed: str, salt: str) -> Decimal:
    digest = hashlib.sha256(f"{seed}:{salt}".encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def sample_scores(kode: str, year: int) -> dict:
    """Score and its three indices for one desa and year; the year before
    is a little lower (every desa moves up between 0.0050 and 0.0350)."""
    base = LOWEST + SPREAD * _fraction(kode, "base")
    gain = Decimal("0.0050") + Decimal("0.0300") * _fraction(kode, "gain")
    score = (base - gain * (latest_year() - year)).quantize(STEP)
    # IKS, IKE and IKL around the score, their mean equal to it (IDM rule).
    social = score + Decimal("0.08") * (_fraction(kode, "iks") - Decimal("0.5"))
    economic = score - Decimal("0.10") * _fraction(kode, "ike")
    social, economic = social.quantize(STEP), economic.quantize(STEP)
    return {
        "score": score,
        "iks": social,
        "ike": economic,
        "ikl": 3 * score - social - economic,
    }


def latest_year() -> int:
    return timezone.localdate().year


def build_idm_samples(years: int = 2) -> int:
    """A sample score for each desa for this year and the ones before it;
    scores already there (imported or typed) are left alone. Returns how
    many were created."""
    latest = latest_year()
    created = 0
    for desa in DesaHomePage.objects.order_by("kode_kemendagri"):
        for year in range(latest - years + 1, latest + 1):
            if IDMScore.objects.filter(desa=desa, year=year).exists():
                continue
            IDMScore.objects.create(
                desa=desa,
                year=year,
                source=SAMPLE_SOURCE,
                **sample_scores(desa.kode_kemendagri, year),
            )
            created += 1
    return created
