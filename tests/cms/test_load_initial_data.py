"""The demo loader: real codes from the CSV, idempotent, logins only in dev."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.dashboard.figures import dashboard
from cms.dashboard.models import IDMScore, status_for
from cms.demo.builder import DATA_FILE
from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentProjectPage, Origin
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsPage
from cms.opensid.models import SyncPush
from cms.tourism.models import TourismPage
from cms.wisdom.models import LocalWisdomPage

DEMO_USERS = {
    "admin": {"password": "demo-admin", "role": "superuser"},
    "moderator": {"password": "demo-moderator", "role": "moderator"},
    "editor.giritirta": {
        "password": "demo-editor",
        "role": "editor",
        "desa": "33.04.15.2005",
    },
}


def load() -> str:
    out = io.StringIO()
    call_command("load_initial_data", stdout=out)
    return out.getvalue()


def counts():
    return [
        model.objects.count()
        for model in (Page, Revision, get_image_model(), get_user_model())
    ]


@pytest.fixture(scope="module")
def csv_rows():
    with DATA_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
@override_settings(DEMO_USERS=DEMO_USERS)
def test_loading_twice_gives_the_17_desa_of_the_csv(csv_rows):
    first = load()
    after_first = counts()
    second = load()
    assert counts() == after_first

    desa = DesaHomePage.objects.order_by("kode_kemendagri")
    assert [(d.kode_kemendagri, d.name, d.kode_bps) for d in desa] == [
        (row["kode_kemendagri"], row["nama"], row["kode_bps"]) for row in csv_rows
    ]
    kecamatan = KecamatanHomePage.objects.get()
    assert kecamatan.kode_kemendagri == "33.04.15"
    # A sample identity, so the public sites show a logo and their colours.
    assert kecamatan.logo and kecamatan.hero_image and kecamatan.office_hours
    assert all(one.logo and one.theme_color for one in desa)
    assert len({one.theme_color for one in desa}) > 1
    assert Site.objects.get(is_default_site=True).root_page_id == kecamatan.pk
    assert Page.objects.filter(depth=2).count() == 1

    for one in desa:
        for model, minimum in [
            (NewsPage, 3),
            (TourismPage, 1),
            (LocalWisdomPage, 1),
            (DevelopmentProjectPage, 1),
        ]:
            assert model.objects.live().filter(desa=one).count() >= minimum
        # Ratamba also has the projects its OpenSID pushed (cms/demo/opensid.py).
        project = DevelopmentProjectPage.objects.get(desa=one, origin=Origin.HERE)
        assert len(project.progress_reports.all()) >= 2
        # Budgets and percentages have no public source: labelled as samples.
        assert "contoh" in project.summary.lower()

    # Every demo image is an illustration, described as one for alt text,
    # but for the photos Ratamba's OpenSID pushed with its projects.
    pushed = DevelopmentProjectPage.objects.filter(origin=Origin.OPENSID)
    photos = {page.hero_image_id for page in pushed} | {
        report.photo_id for page in pushed for report in page.progress_reports.all()
    }
    images = get_image_model().objects.exclude(pk__in=photos - {None})
    assert images.exists()
    assert not images.exclude(description__startswith="Ilustrasi contoh: ").exists()

    assert "demo-moderator" in first and "demo-moderator" in second
    # One desa is still on OpenSID: its push is answered, module by module.
    ratamba = desa.get(kode_kemendagri="33.04.15.2011")
    assert (ratamba.integration_status, ratamba.joined_on) == ("feed", None)
    assert desa.filter(integration_status="feed").count() == 1
    assert "OpenSID Ratamba" in first
    assert {push.module for push in SyncPush.objects.filter(desa=ratamba)} >= {
        "pembangunan",
        "penduduk/storedata",
        "laporan-apbdes",
    }
    editor = get_user_model().objects.get(username="editor.giritirta")
    assert [g.name for g in editor.groups.all()] == ["Editor Desa Giritirta"]


@pytest.mark.django_db
def test_sample_idm_scores_say_they_are_samples_and_vary():
    load()
    scores = IDMScore.objects.all()
    assert scores.count() == 2 * DesaHomePage.objects.count()
    this_year = timezone.localdate().year
    for score in scores:
        assert "contoh" in score.source
        assert score.year in {this_year - 1, this_year}
        # IDM = (IKS + IKE + IKL) / 3, the status follows the thresholds.
        assert (score.iks + score.ike + score.ikl) / 3 == score.score
        assert score.status == status_for(score.score)
    statuses = set(scores.filter(year=this_year).values_list("status", flat=True))
    assert len(statuses) >= 2
    counts = dashboard(this_year).idm_status_counts
    assert sum(counts.values()) == DesaHomePage.objects.count()

    # A second run adds nothing and leaves a real (imported) score alone.
    real = scores.order_by("pk").first()
    IDMScore.objects.filter(pk=real.pk).update(
        score=Decimal("0.7000"), source="Kemendesa"
    )
    load()
    assert IDMScore.objects.count() == 2 * DesaHomePage.objects.count()
    real.refresh_from_db()
    assert (real.score, real.source) == (Decimal("0.7000"), "Kemendesa")


@pytest.mark.django_db
def test_no_demo_logins_outside_dev_settings():
    # The test settings, like production, define no demo users.
    output = load()
    assert not get_user_model().objects.exists()
    assert "Demo logins" not in output
