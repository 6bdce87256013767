"""The IDM score form: scores as people in Indonesia write them ("0,65",
a decimal comma) or as the Kemendesa files and spreadsheets in English
write them ("0.65"), and errors that say what to type."""

from decimal import Decimal, DecimalException, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import IDMScore

ONE = Decimal(1)
PLACES = 4
STEP = Decimal(1).scaleb(-PLACES)


def parse_index(raw: str) -> Decimal:
    """A score between 0 and 1 as typed: "0,65", "0.65", " 0,6500 ", "1".
    An index is never above 1, so a single comma or dot can only be the
    decimal separator; anything else is not a score."""
    text = raw.strip().replace(" ", "")
    if text.count(",") + text.count(".") > 1:
        raise InvalidOperation(text)
    text = text.replace(",", ".")
    if not text or not all(c.isdigit() or c in ".-+" for c in text):
        raise InvalidOperation(text)
    return Decimal(text)


class IndexField(forms.DecimalField):
    """A 0..1 index with up to four decimals, shown with a decimal comma."""

    def __init__(self, *, what, **kwargs):
        self.what = what
        kwargs.setdefault("localize", True)  # a text box: a comma is allowed
        super().__init__(max_digits=5, decimal_places=PLACES, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_index(str(value))
        except (InvalidOperation, DecimalException, ValueError):
            raise ValidationError(self.message(), code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.message(), code="invalid")
        return number

    def validate(self, value):
        if value in self.empty_values:
            if self.required:
                raise ValidationError(self.message(), code="required")
            return
        if not Decimal(0) <= value <= ONE:
            raise ValidationError(self.message(), code="range")
        if value != value.quantize(STEP):
            raise ValidationError(
                _("Use at most four decimal places, for example 0.6512."),
                code="max_decimal_places",
            )

    def run_validators(self, value):
        """The range and places are checked by validate() in plain words;
        Django's own validators would repeat them in technical terms."""

    def message(self):
        return _("%(what)s must be between 0 and 1, for example 0.65.") % {
            "what": self.what
        }


class IDMScoreForm(WagtailAdminModelForm):
    score = IndexField(label=_("IDM score"), what=_("The IDM score"))
    iks = IndexField(
        label=_("social resilience index (IKS)"), what=_("The IKS"), required=False
    )
    ike = IndexField(
        label=_("economic resilience index (IKE)"), what=_("The IKE"), required=False
    )
    ikl = IndexField(
        label=_("ecological resilience index (IKL)"),
        what=_("The IKL"),
        required=False,
    )

    class Meta:
        model = IDMScore
        fields = ["desa", "year", "score", "iks", "ike", "ikl", "target_status"]
