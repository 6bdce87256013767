"""A site's theme colour: a hex code, stored normalised, and refused (with a
darker shade that works) when white text on it fails WCAG AA."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.core.theme import contrast_with_white, darkened, normalise
from cms.desa.models import DesaHomePage
from cms.kecamatan.models import KecamatanHomePage
from tests.conftest import logged_in

from .admin_forms import desa_form


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("#1D5E2A", "#1d5e2a"), ("1d5e2a", "#1d5e2a"), (" #15a ", "#1155aa")],
)
def test_colours_are_normalised(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", ["", "green", "#12345", "#1234567", "#gggggg", "\x00"])
def test_other_values_are_not_colours(raw):
    with pytest.raises(ValueError):
        normalise(raw)


def test_contrast_is_wcag_contrast_with_white():
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    # The usual boundary pair: #767676 passes AA on white, #777777 fails.
    assert contrast_with_white("#767676") >= 4.5 > contrast_with_white("#777777")


@pytest.mark.parametrize("colour", ["#ffcc00", "#8bc34a", "#ffffff", "#777777"])
def test_the_suggested_shade_passes_and_keeps_the_hue(colour):
    shade = darkened(colour)
    assert contrast_with_white(shade) >= 4.5
    assert contrast_with_white(darkened(shade)) == contrast_with_white(shade)


def refusal(page, value) -> list[str]:
    page.theme_color = value
    with pytest.raises(ValidationError) as caught, translation.override("id"):
        page.full_clean()
    return [str(message) for message in caught.value.message_dict["theme_color"]]


def test_desa_colour_is_normalised_on_save(desa_a):
    desa_a.theme_color = "1D5E2A"
    desa_a.full_clean()
    assert desa_a.theme_color == "#1d5e2a"
    desa_a.theme_color = ""
    desa_a.full_clean()
    assert desa_a.theme_color == ""


def test_a_light_colour_is_refused_with_a_darker_suggestion(desa_a, kecamatan):
    for page in (desa_a, kecamatan):
        (message,) = refusal(page, "#ffcc00")
        assert darkened("#ffcc00") in message
        assert "4.5:1" in message
    (message,) = refusal(desa_a, "hijau")
    assert "#1d5e2a" in message


def test_desa_editors_choose_their_colour_in_the_admin(desa_a, editor_a):
    client = logged_in(editor_a)
    url = f"/admin/pages/{desa_a.pk}/edit/"
    assert {"theme_color", "logo"} <= set(client.get(url).context["form"].fields)
    refused = client.post(url, desa_form(name="Giritirta", theme_color="#fff000"))
    assert "theme_color" in refused.context["form"].errors
    client.post(url, desa_form(name="Giritirta", theme_color="#0B5394"))
    draft = DesaHomePage.objects.get(pk=desa_a.pk).get_latest_revision_as_object()
    assert draft.theme_color == "#0b5394"


def test_the_kecamatan_has_office_hours(kecamatan):
    assert KecamatanHomePage._meta.get_field("office_hours").blank
    kecamatan.office_hours = "Senin-Jumat 07.30-15.30"
    kecamatan.full_clean()


def test_the_kecamatan_form_has_its_office_and_identity(kecamatan, superuser):
    response = logged_in(superuser).get(f"/admin/pages/{kecamatan.pk}/edit/")
    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert {"camat", "address", "phone", "email", "office_hours"} <= fields
    assert {"theme_color", "logo", "hero_image"} <= fields
