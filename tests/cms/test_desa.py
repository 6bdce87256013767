"""The desa home: identity rules enforced in the model and the admin form."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.desa.models import DesaHomePage
from tests.conftest import logged_in
from tests.factories import DesaHomePageFactory, publish

from .admin_forms import desa_form


def add_desa(client, kecamatan, **values):
    return client.post(
        f"/admin/pages/add/desa/desahomepage/{kecamatan.pk}/", desa_form(**values)
    )


def indonesian(message) -> str:
    with translation.override("id"):
        return str(message)


def form_errors(response) -> dict:
    form = response.context["form"]
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


def test_title_and_slug_follow_the_official_name(kecamatan):
    desa = DesaHomePageFactory(parent=kecamatan, name=" Condongcampur ", title="x")
    assert (desa.name, desa.title, desa.slug) == (
        "Condongcampur",
        "Condongcampur",
        "condongcampur",
    )


def test_moderator_creates_a_desa_in_the_admin(kecamatan, moderator):
    response = add_desa(logged_in(moderator), kecamatan)
    assert response.status_code == 302
    desa = DesaHomePage.objects.get(kode_kemendagri="33.04.15.2006")
    assert desa.slug == "biting"
    assert desa.get_children().count() == 4
    assert desa.roles.editor_group.name == "Editor Desa Biting"


@pytest.mark.parametrize(
    "kode", ["", "33.04.15.20", "33-04-15-2006", "3304152006", "33.04.15.20066", "x"]
)
def test_malformed_kode_is_a_form_error(kecamatan, moderator, kode):
    response = add_desa(logged_in(moderator), kecamatan, kode_kemendagri=kode)
    assert response.status_code == 200
    assert "kode_kemendagri" in form_errors(response)
    assert not DesaHomePage.objects.filter(name="Biting").exists()


def test_duplicate_kode_is_a_clear_form_error(kecamatan, desa_a, moderator):
    response = add_desa(
        logged_in(moderator), kecamatan, kode_kemendagri=desa_a.kode_kemendagri
    )
    assert response.status_code == 200
    expected = indonesian(
        DesaHomePage._meta.get_field("kode_kemendagri").error_messages["unique"]
    )
    assert form_errors(response)["kode_kemendagri"] == [expected]
    assert DesaHomePage.objects.count() == 1


def test_kode_outside_the_kecamatan_is_a_form_error(kecamatan, moderator):
    # Kalilunjar of Kecamatan Banjarmangu, not Pejawaran's Kalilunjar.
    response = add_desa(
        logged_in(moderator),
        kecamatan,
        name="Kalilunjar",
        kode_kemendagri="33.04.09.2006",
    )
    assert response.status_code == 200
    assert "33.04.15." in form_errors(response)["kode_kemendagri"][0]


def test_duplicate_public_domain_and_bps_code_are_form_errors(
    kecamatan, desa_a, moderator
):
    desa_a.public_domain = "giritirta.desa.id"
    desa_a.kode_bps = "3304150014"
    desa_a.save()
    response = add_desa(
        logged_in(moderator),
        kecamatan,
        public_domain="GIRITIRTA.desa.id",
        kode_bps="3304150014",
    )
    errors = form_errors(response)
    assert set(errors) >= {"public_domain", "kode_bps"}


def test_public_domain_is_a_host_name(kecamatan, moderator):
    response = add_desa(
        logged_in(moderator), kecamatan, public_domain="https://biting.desa.id/"
    )
    assert "public_domain" in form_errors(response)


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        ("-7.2", "", "longitude"),
        ("48.85", "2.35", "latitude"),
        ("-7.2", "9", "longitude"),
    ],
)
def test_coordinates_must_be_a_pair_inside_indonesia(
    kecamatan, moderator, latitude, longitude, field
):
    response = add_desa(
        logged_in(moderator), kecamatan, latitude=latitude, longitude=longitude
    )
    assert field in form_errors(response)


def test_kode_is_immutable_once_published(kecamatan, desa_a):
    publish(desa_a)
    desa_a.kode_kemendagri = "33.04.15.2099"
    with pytest.raises(ValidationError) as error:
        desa_a.full_clean()
    assert "kode_kemendagri" in error.value.message_dict


def test_kode_can_be_corrected_before_first_publication(kecamatan):
    desa = DesaHomePageFactory(parent=kecamatan, live=False, first_published_at=None)
    desa.kode_kemendagri = "33.04.15.2016"
    desa.full_clean()


def test_admin_ignores_a_changed_kode_on_a_published_desa(desa_a, moderator):
    publish(desa_a)
    client = logged_in(moderator)
    response = client.post(
        f"/admin/pages/{desa_a.pk}/edit/",
        desa_form(name="Giritirta", kode_kemendagri="33.04.15.2099"),
    )
    assert response.status_code == 302
    desa_a.refresh_from_db()
    assert desa_a.kode_kemendagri == "33.04.15.2005"
    assert desa_a.get_latest_revision_as_object().kode_kemendagri == "33.04.15.2005"


IDENTITY_FIELDS = {
    "name",
    "kode_kemendagri",
    "kode_bps",
    "public_domain",
    "joined_on",
    "integration_status",
}


def test_desa_editors_cannot_touch_identity_or_integration(desa_a, editor_a):
    publish(desa_a)
    client = logged_in(editor_a)
    form = client.get(f"/admin/pages/{desa_a.pk}/edit/").context["form"]
    assert IDENTITY_FIELDS.isdisjoint(form.fields)
    assert "kepala_desa" in form.fields
    client.post(
        f"/admin/pages/{desa_a.pk}/edit/",
        desa_form(
            name="Bukan Giritirta", integration_status="terintegrasi", kepala_desa="X"
        ),
    )
    draft = DesaHomePage.objects.get(pk=desa_a.pk).get_latest_revision_as_object()
    assert (draft.name, draft.integration_status, draft.kepala_desa) == (
        "Giritirta",
        desa_a.integration_status,
        "X",
    )


def test_moderators_edit_identity_and_integration(desa_a, moderator):
    form = logged_in(moderator).get(f"/admin/pages/{desa_a.pk}/edit/").context["form"]
    assert set(form.fields) >= IDENTITY_FIELDS
