from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.forms import HeadlessPageForm


class DesaHomePageForm(HeadlessPageForm):
    """Keeps the Kemendagri code inside the parent kecamatan and frozen once
    the desa has been published."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_published_at and "kode_kemendagri" in self.fields:
            field = self.fields["kode_kemendagri"]
            field.disabled = True
            field.help_text = _(
                "The Kemendagri code is the desa's identity and cannot change "
                "once published."
            )

    def clean_kode_kemendagri(self):
        kode = self.cleaned_data["kode_kemendagri"]
        parent = self.parent_page.specific if self.parent_page else None
        prefix = getattr(parent, "kode_kemendagri", None)
        if prefix and not kode.startswith(f"{prefix}."):
            raise forms.ValidationError(
                _("A desa of this kecamatan has a code starting with %(prefix)s."),
                code="outside_kecamatan",
                params={"prefix": f"{prefix}."},
            )
        return kode
