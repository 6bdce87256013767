"""The user forms of the admin, narrowed for the managers of desa teams
(rules in teams.py).

For a superuser they are Wagtail's forms. For anyone else: no
"Administrator" (superuser) field, no password fields (a team member sets
their own password through an e-mailed link, so nobody else ever knows it),
and groups only among those the manager may assign, at least one. A group id
outside them, or a field the form does not have (`is_superuser`,
`is_staff`, `user_permissions`), changes nothing."""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import password_links, teams


class TeamFormMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        # Before Wagtail's __init__, which asks `password_enabled`.
        self.for_user = for_user
        super().__init__(*args, **kwargs)
        if self.limited:
            self.fields.pop("is_superuser", None)
            groups = self.fields["groups"]
            groups.queryset = teams.assignable_groups(for_user).order_by("name")
            groups.required = True
            groups.label = _("Desa team")
            groups.help_text = _("The desa this person edits for.")

    @property
    def limited(self) -> bool:
        """Everyone but an active superuser (and a form nobody asked for)."""
        user = self.for_user
        return not (user is not None and user.is_active and user.is_superuser)

    @property
    def password_enabled(self):
        return not self.limited and super().password_enabled


class TeamUserCreationForm(TeamFormMixin, UserCreationForm):
    def save(self, commit=True):
        user = super().save(commit=False)
        if self.limited:
            password_links.clear_password(user)
        if commit:
            user.save()
            self.save_m2m()
        return user


class TeamUserEditForm(TeamFormMixin, UserEditForm):
    pass
