"""A site's visual identity: a theme colour and a logo, chosen in the desa's
(or the kecamatan's) profile and served to the frontends through the API.

The frontends put white text on the theme colour (the header, buttons) and
use it for links on white, so a colour is accepted only when its contrast
with white reaches WCAG AA for normal text (4.5:1). A colour that is too
light is refused with the nearest darker shade that passes, so the editor
can keep the hue."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# WCAG 2.x, success criterion 1.4.3 (normal text).
MIN_CONTRAST = 4.5
WHITE_LUMINANCE = 1.0


def normalise(value: str) -> str:
    """ "1D5E2A", "#1d5e2a" and "#1d5" as "#1d5e2a" / "#11dd55"; raises
    ValueError for anything else."""
    match = HEX.fullmatch((value or "").strip())
    if not match:
        raise ValueError(value)
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def rgb(colour: str) -> tuple[int, int, int]:
    digits = normalise(colour)[1:]
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.x)."""
    red, green, blue = (_linear(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    return (WHITE_LUMINANCE + 0.05) / (luminance(colour) + 0.05)


def darkened(colour: str) -> str:
    """The lightest shade of `colour` (same hue, scaled towards black) that
    white text can sit on."""
    red, green, blue = rgb(colour)
    for step in range(100, -1, -1):
        factor = step / 100
        shade = "#" + "".join(f"{round(c * factor):02x}" for c in (red, green, blue))
        if contrast_with_white(shade) >= MIN_CONTRAST:
            return shade
    return "#000000"


class ThemeColourField(models.CharField):
    """A hex colour ("#1d5e2a"), stored normalised, dark enough for white
    text; blank means the frontends' default colours."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 7:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if not value or not value.strip():
            return ""
        try:
            return normalise(value)
        except ValueError:
            raise ValidationError(
                _("Enter a colour as a hex code such as #1d5e2a."),
                code="invalid_colour",
            ) from None

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and contrast_with_white(value) < MIN_CONTRAST:
            raise ValidationError(
                _(
                    "White text on %(colour)s is hard to read (contrast "
                    "%(ratio).1f:1, at least 4.5:1 is needed). A darker shade "
                    "of the same colour that works: %(suggestion)s."
                ),
                code="low_contrast",
                params={
                    "colour": value,
                    "ratio": contrast_with_white(value),
                    "suggestion": darkened(value),
                },
            )


class ThemeFields(models.Model):
    """The theme colour and the logo of a public site."""

    theme_color = ThemeColourField(
        _("theme colour"),
        help_text=_(
            "Hex code of the site's main colour, e.g. #1d5e2a; it must be dark "
            "enough for white text. Empty: the default green."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the site's name; a square image works best."),
    )

    theme_panels = [
        MultiFieldPanel(
            [FieldPanel("theme_color"), FieldPanel("logo")],
            heading=_("Appearance"),
        )
    ]

    class Meta:
        abstract = True
