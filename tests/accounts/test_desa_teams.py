"""Desa teams over HTTP: a kecamatan moderator creates, deactivates and
reactivates the accounts of desa editors, resets their password or second
factor, and sees which desa each works for; every way towards moderator or
superuser rights, or towards another account, is refused and changes
nothing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.accounts import two_factor
from cms.desa.roles import MODERATOR_GROUP_NAME
from tests.cms.admin_crawl import admin_routes, fill
from tests.conftest import logged_in, make_user
from tests.factories import DesaHomePageFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
USERS = "/admin/users/"
BULK = "/admin/bulk/auth/user"
LINK = r"http://testserver/admin/password_reset/confirm/([^/]+)/([^/]+)/"


@pytest.fixture
def moderators(kecamatan):
    return Group.objects.get(name=MODERATOR_GROUP_NAME)


@pytest.fixture
def other_moderator(moderators):
    return make_user("moderator_lain", moderators)


@pytest.fixture
def with_own_permission(desa_a):
    """A desa editor whom a superuser also gave a permission of their own."""
    user = make_user("editor_plus", desa_a.roles.editor_group)
    user.user_permissions.add(Permission.objects.get(codename="add_group"))
    return user


@pytest.fixture
def untouchable(
    superuser, other_moderator, moderator, moderators, with_own_permission, desa_a
):
    """Accounts a moderator may never manage (themselves included)."""
    desa_group = desa_a.roles.editor_group
    return [
        superuser,
        other_moderator,
        moderator,
        with_own_permission,
        make_user("editor_moderator", desa_group, moderators),
        make_user("editor_superuser", desa_group, is_superuser=True),
        make_user("editor_staf", desa_group, is_staff=True),
        make_user("tanpa_grup"),
    ]


def snapshot(*users) -> list:
    """What an escalation could change about these accounts."""
    return [
        (
            user.username,
            user.is_active,
            user.is_superuser,
            user.is_staff,
            user.password,
            sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)),
        )
        for user in User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk")
    ]


def everything() -> list:
    groups = [
        (group.name, sorted(group.permissions.values_list("codename", flat=True)))
        for group in Group.objects.order_by("name")
    ]
    return [snapshot(*User.objects.all()), groups]


def account_form(group_ids, **extra) -> dict:
    return {
        "username": "sekdes_giri",
        "email": "sekdes@giritirta.example",
        "first_name": "Sri",
        "last_name": "Lestari",
        "groups": group_ids,
        **extra,
    }


def edit_form(user, group_ids, **extra) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Nama",
        "last_name": user.last_name or "Belakang",
        "groups": group_ids,
        **extra,
    }
    return data


# The listing


def test_the_moderator_lists_desa_teams_with_their_desa(
    moderator, editor_a, editor_b, untouchable
):
    response = logged_in(moderator).get(USERS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "editor_a" in html and "Giritirta" in html
    assert "editor_b" in html and "Ratamba" in html
    for user in untouchable:
        assert f">{user.username}<" not in html, user.username


def test_the_listing_asks_the_database_a_fixed_number_of_times(
    moderator, desa_a, desa_b, django_assert_max_num_queries
):
    for number in range(30):
        desa = desa_a if number % 2 else desa_b
        make_user(f"anggota{number}", desa.roles.editor_group)
    client = logged_in(moderator)

    with django_assert_max_num_queries(20):
        response = client.get(USERS)

    assert response.content.decode().count("Giritirta") >= 10


def test_the_listing_filters_by_desa(moderator, editor_a, editor_b, desa_a):
    html = logged_in(moderator).get(f"{USERS}?desa={desa_a.pk}").content.decode()

    assert "editor_a" in html
    assert "editor_b" not in html


def test_the_group_filter_offers_only_desa_groups(moderator, editor_a):
    html = logged_in(moderator).get(USERS).content.decode()

    assert "Editor Desa Giritirta" in html
    assert MODERATOR_GROUP_NAME not in html


def test_superusers_see_everyone_and_the_desa_column(superuser, moderator, editor_a):
    html = logged_in(superuser).get(USERS).content.decode()

    assert "moderator" in html and "editor_a" in html and "Giritirta" in html


def test_an_editor_manages_nobody(editor_a, editor_b):
    client = logged_in(editor_a)
    before = everything()

    assert client.get(USERS).status_code == 302
    assert client.get(f"{USERS}edit/{editor_b.pk}/").status_code in (302, 404)
    client.post(f"{USERS}edit/{editor_b.pk}/", edit_form(editor_b, []))
    client.post(f"{USERS}new/", account_form([editor_a.groups.get().pk]))
    client.post(f"{USERS}reset-password/{editor_b.pk}/")

    assert everything() == before
    assert not mail.outbox


# Creating accounts


def test_the_moderator_creates_a_desa_editor_who_chooses_a_password(moderator, desa_a):
    group = desa_a.roles.editor_group
    response = logged_in(moderator).post(f"{USERS}new/", account_form([group.pk]))

    assert response.status_code == 302
    user = User.objects.get(username="sekdes_giri")
    assert list(user.groups.all()) == [group]
    assert user.is_active and not user.is_superuser and not user.is_staff
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["sekdes@giritirta.example"]
    assert message.subject.startswith("Akun Anda di")
    assert "sekdes_giri" in message.body
    uid, token = re.search(LINK, message.body).groups()
    assert default_token_generator.check_token(user, token)
    # The link opens Wagtail's "choose a new password" page.
    page = Client().get(f"/admin/password_reset/confirm/{uid}/{token}/")
    assert page.status_code == 302


@pytest.mark.parametrize(
    "injected",
    [
        {"is_superuser": "on"},
        {"is_staff": "on"},
        {"user_permissions": "1"},
        {"password1": "Rahasia-Sekali-2026", "password2": "Rahasia-Sekali-2026"},
    ],
)
def test_injected_fields_change_nothing_on_creation(moderator, desa_a, injected):
    group = desa_a.roles.editor_group
    logged_in(moderator).post(f"{USERS}new/", account_form([group.pk], **injected))

    user = User.objects.get(username="sekdes_giri")
    assert not user.is_superuser and not user.is_staff
    assert not user.user_permissions.exists()
    assert not user.has_usable_password()


def forged_groups(moderators):
    return {
        "moderator group": [moderators.pk],
        "a new group": [Group.objects.create(name="Buatan superuser").pk],
        "no such group": [999999],
        "not an id": ["x"],
        "none at all": [],
    }


@pytest.mark.parametrize(
    "forged",
    ["moderator group", "a new group", "no such group", "not an id", "none at all"],
)
def test_forged_groups_are_refused_on_creation(moderator, moderators, desa_a, forged):
    groups = forged_groups(moderators)[forged]
    before = everything()

    response = logged_in(moderator).post(f"{USERS}new/", account_form(groups))

    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert everything() == before
    assert not mail.outbox


def test_a_moderator_group_alongside_a_desa_group_is_refused(
    moderator, moderators, desa_a
):
    before = everything()
    response = logged_in(moderator).post(
        f"{USERS}new/", account_form([desa_a.roles.editor_group.pk, moderators.pk])
    )

    assert response.status_code == 200
    assert everything() == before


def test_superusers_keep_wagtails_full_form(superuser, moderators):
    password = "Rahasia-Sekali-2026"
    data = account_form(
        [moderators.pk], is_superuser="on", password1=password, password2=password
    )
    response = logged_in(superuser).post(f"{USERS}new/", data)

    assert response.status_code == 302
    user = User.objects.get(username="sekdes_giri")
    assert user.is_superuser and user.check_password(password)
    assert list(user.groups.all()) == [moderators]


# Editing, deactivating and reactivating


def test_the_moderator_deactivates_and_reactivates_a_team_member(moderator, editor_a):
    client = logged_in(moderator)
    group = editor_a.groups.get().pk
    url = f"{USERS}edit/{editor_a.pk}/"

    assert client.post(url, edit_form(editor_a, [group])).status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.is_active

    assert client.post(url, edit_form(editor_a, [group], is_active="on")).status_code
    editor_a.refresh_from_db()
    assert editor_a.is_active


def test_the_moderator_moves_a_member_to_another_desa(moderator, editor_a, desa_b):
    url = f"{USERS}edit/{editor_a.pk}/"
    group = desa_b.roles.editor_group
    logged_in(moderator).post(url, edit_form(editor_a, [group.pk], is_active="on"))

    assert list(editor_a.groups.all()) == [group]


@pytest.mark.parametrize(
    "injected",
    [
        {"is_superuser": "on"},
        {"is_staff": "on"},
        {"user_permissions": "1"},
        {"password1": "Rahasia-Sekali-2026", "password2": "Rahasia-Sekali-2026"},
    ],
)
def test_injected_fields_change_nothing_on_edit(moderator, editor_a, injected):
    url = f"{USERS}edit/{editor_a.pk}/"
    data = edit_form(editor_a, [editor_a.groups.get().pk], is_active="on", **injected)
    before = snapshot(editor_a)

    logged_in(moderator).post(url, data)

    assert snapshot(editor_a) == before


@pytest.mark.parametrize(
    "forged",
    ["moderator group", "a new group", "no such group", "not an id", "none at all"],
)
def test_forged_groups_are_refused_on_edit(moderator, moderators, editor_a, forged):
    groups = forged_groups(moderators)[forged]
    before = everything()

    response = logged_in(moderator).post(
        f"{USERS}edit/{editor_a.pk}/", edit_form(editor_a, groups, is_active="on")
    )

    assert response.status_code == 200
    assert everything() == before


ACCOUNT_URLS = [
    "edit/{pk}/",
    "delete/{pk}/",
    "history/{pk}/",
    "history-results/{pk}/",
    "usage/{pk}/",
    "copy/{pk}/",
    "reset-password/{pk}/",
    "reset-two-factor/{pk}/",
]


@pytest.mark.parametrize("path", ACCOUNT_URLS)
def test_untouchable_accounts_are_not_found(moderator, untouchable, path):
    client = logged_in(moderator)
    before = everything()

    for user in untouchable:
        url = USERS + path.format(pk=user.pk)
        assert client.get(url).status_code == 404, url
        data = edit_form(user, [], is_active="on", is_superuser="on")
        assert client.post(url, data).status_code == 404, url

    assert everything() == before
    assert not mail.outbox


def test_the_moderator_deletes_nobody(moderator, editor_a):
    client = logged_in(moderator)

    # Wagtail's answer to a missing permission: back to the dashboard.
    assert client.get(f"{USERS}delete/{editor_a.pk}/").status_code == 302
    assert client.post(f"{USERS}delete/{editor_a.pk}/").status_code == 302
    assert User.objects.filter(pk=editor_a.pk).exists()


def test_the_moderator_cannot_touch_their_own_account_here(moderator):
    before = everything()
    response = logged_in(moderator).post(
        f"{USERS}edit/{moderator.pk}/", edit_form(moderator, [], is_superuser="on")
    )

    assert response.status_code == 404
    assert everything() == before


# Password and second factor


def test_a_password_reset_stops_the_old_password_and_mails_a_link(moderator, editor_a):
    editor_a.set_password("Kata-sandi-lama-2026")
    editor_a.save()
    client = logged_in(moderator)
    url = f"{USERS}reset-password/{editor_a.pk}/"

    page = client.get(url).content.decode()
    assert "editor_a@example.org" in page
    assert "Atur ulang dan kirim tautan" in page
    assert client.post(url).status_code == 302

    editor_a.refresh_from_db()
    assert not editor_a.check_password("Kata-sandi-lama-2026")
    [message] = mail.outbox
    assert message.to == [editor_a.email]
    _uid, token = re.search(LINK, message.body).groups()
    assert default_token_generator.check_token(editor_a, token)
    assert message.subject.startswith("Atur kata sandi baru untuk")
    history = client.get(f"{USERS}history/{editor_a.pk}/").content.decode()
    assert "Kata sandi diatur ulang" in history


def test_a_get_resets_nothing(moderator, editor_a):
    before = snapshot(editor_a)
    logged_in(moderator).get(f"{USERS}reset-password/{editor_a.pk}/")

    assert snapshot(editor_a) == before
    assert not mail.outbox


def test_the_moderator_removes_a_lost_second_factor(moderator, editor_a):
    TOTPDevice.objects.create(user=editor_a, name="app", confirmed=True)
    two_factor.new_recovery_codes(editor_a)
    assert two_factor.has_two_factor(editor_a)

    response = logged_in(moderator).post(f"{USERS}reset-two-factor/{editor_a.pk}/")

    assert response.status_code == 302
    assert not two_factor.has_two_factor(editor_a)
    assert two_factor.recovery_codes_left(editor_a) == 0


def test_another_moderators_second_factor_stays(moderator, other_moderator):
    TOTPDevice.objects.create(user=other_moderator, name="app", confirmed=True)

    url = f"{USERS}reset-two-factor/{other_moderator.pk}/"
    assert logged_in(moderator).post(url).status_code == 404
    assert two_factor.has_two_factor(other_moderator)


# Groups admin and user permissions


def test_the_groups_admin_stays_closed_to_moderators(moderator, moderators, desa_a):
    client = logged_in(moderator)
    group = desa_a.roles.editor_group
    before = everything()

    assert client.get("/admin/groups/").status_code == 302
    client.post("/admin/groups/new/", {"name": "Superuser palsu"})
    client.post(f"/admin/groups/edit/{moderators.pk}/", {"name": "Diubah"})
    client.post(f"/admin/groups/edit/{group.pk}/", {"name": "Diubah"})
    client.post(f"/admin/groups/delete/{group.pk}/")

    assert everything() == before


# Bulk actions


def bulk(client, action, users, data=None):
    query = "&".join(f"id={user.pk}" for user in users)
    url = f"{BULK}/{action}/?{query}&next=/admin/users/"
    if data is None:
        return client.get(url)
    return client.post(url, data)


def test_bulk_deactivation_reaches_team_members_only(moderator, editor_a, untouchable):
    client = logged_in(moderator)
    others = snapshot(*untouchable)

    bulk(
        client,
        "set_active_state",
        [editor_a, *untouchable],
        {"mark_as_active": "False"},
    )

    editor_a.refresh_from_db()
    assert not editor_a.is_active
    assert snapshot(*untouchable) == others


def test_bulk_confirmation_names_no_untouchable_account(moderator, untouchable):
    client = logged_in(moderator)
    for action in ["set_active_state", "assign_role", "delete"]:
        response = bulk(client, action, untouchable)
        assert response.status_code == 404, action
        response = client.get(f"{BULK}/{action}/?id=all")
        assert response.status_code == 404, action


def test_bulk_role_assignment_offers_desa_groups_only(
    moderator, moderators, editor_a, untouchable
):
    client = logged_in(moderator)
    html = bulk(client, "assign_role", [editor_a]).content.decode()
    assert "Editor Desa Giritirta" in html
    assert MODERATOR_GROUP_NAME not in html
    before = everything()

    response = bulk(client, "assign_role", [editor_a], {"role": moderators.pk})
    assert response.status_code == 200
    bulk(client, "assign_role", untouchable, {"role": editor_a.groups.get().pk})

    assert everything() == before


def test_bulk_role_assignment_adds_a_desa_group(moderator, editor_a, desa_b):
    group = desa_b.roles.editor_group
    bulk(logged_in(moderator), "assign_role", [editor_a], {"role": group.pk})

    assert group in editor_a.groups.all()


def test_bulk_delete_deletes_nothing_for_a_moderator(moderator, editor_a):
    client = logged_in(moderator)

    bulk(client, "delete", [editor_a], {})
    client.post(f"{BULK}/delete/?id=all", {})

    assert User.objects.filter(pk=editor_a.pk).exists()


def test_superusers_keep_bulk_actions(superuser, moderator, moderators):
    bulk(
        logged_in(superuser),
        "set_active_state",
        [moderator],
        {"mark_as_active": "False"},
    )

    moderator.refresh_from_db()
    assert not moderator.is_active


# Every users URL, as the moderator, with the ids of accounts they may not
# manage: none answers 200 nor names them.


def test_the_moderators_crawl_of_the_users_admin(moderator, untouchable):
    client = logged_in(moderator)
    ids = {"pk": [user.pk for user in untouchable], "user_id": ["1"]}
    routes = [
        route
        for route in admin_routes()
        if route.startswith(("admin/users/", "admin/groups/")) and "<" in route
    ]
    assert any("reset-password" in route for route in routes)
    before = everything()

    for route in routes:
        for url in fill(route, ids):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url

    assert everything() == before


@pytest.mark.parametrize("name", ["desa", "group"])
@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999"])
def test_filters_refuse_an_id_no_row_can_have(moderator, editor_a, name, value):
    response = logged_in(moderator).get(USERS, {name: value})
    # Refused as any unknown choice is: the listing, unfiltered.
    assert response.status_code == 200
    assert editor_a.username in response.content.decode()


# A desa coordinator runs their own desa's editors, nothing else.


@pytest.fixture
def coordinator_a(desa_a):
    return make_user("koordinator_a", desa_a.roles.coordinator_group)


def test_provisioning_makes_a_coordinator_group_that_edits_as_editors(desa_a):
    coordinators = desa_a.roles.coordinator_group

    assert coordinators.name == "Koordinator Desa Giritirta"
    editor_grants = set(
        desa_a.roles.editor_group.page_permissions.values_list("page", "permission")
    )
    assert set(coordinators.page_permissions.values_list("page", "permission")) == (
        editor_grants
    )


def test_the_coordinator_lists_and_creates_their_own_desa_editors(
    coordinator_a, editor_a, editor_b, desa_a, desa_b, moderator, superuser
):
    client = logged_in(coordinator_a)
    html = client.get(USERS).content.decode()
    assert "editor_a" in html
    for other in ["editor_b", "moderator", "root", "koordinator_a"]:
        assert f">{other}<" not in html, other

    group = desa_a.roles.editor_group
    assert client.post(f"{USERS}new/", account_form([group.pk])).status_code == 302
    assert list(User.objects.get(username="sekdes_giri").groups.all()) == [group]

    url = f"{USERS}edit/{editor_a.pk}/"
    assert client.post(url, edit_form(editor_a, [group.pk])).status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.is_active


def test_the_coordinator_grants_no_other_group(
    coordinator_a, moderators, editor_a, desa_a, desa_b
):
    client = logged_in(coordinator_a)
    before = everything()
    for forged in [
        desa_b.roles.editor_group,
        desa_a.roles.coordinator_group,
        desa_b.roles.coordinator_group,
        moderators,
    ]:
        created = client.post(f"{USERS}new/", account_form([forged.pk]))
        edited = client.post(
            f"{USERS}edit/{editor_a.pk}/",
            edit_form(editor_a, [forged.pk], is_active="on"),
        )
        role = bulk(client, "assign_role", [editor_a], {"role": forged.pk})
        assert (created.status_code, edited.status_code, role.status_code) == (
            200,
            200,
            200,
        ), forged.name

    assert everything() == before


def test_the_coordinator_touches_no_one_outside_their_team(
    coordinator_a, editor_b, desa_a, moderator, superuser
):
    peer = make_user("koordinator_a2", desa_a.roles.coordinator_group)
    client = logged_in(coordinator_a)
    before = everything()

    for user in [editor_b, peer, moderator, superuser, coordinator_a]:
        for path in ACCOUNT_URLS:
            url = USERS + path.format(pk=user.pk)
            assert client.get(url).status_code == 404, url
            assert client.post(url, edit_form(user, [])).status_code == 404, url
        bulk(client, "set_active_state", [user], {"mark_as_active": "False"})

    assert everything() == before
    assert not mail.outbox


def test_the_moderator_appoints_a_coordinator(moderator, editor_a, desa_a):
    coordinators = desa_a.roles.coordinator_group
    url = f"{USERS}edit/{editor_a.pk}/"
    logged_in(moderator).post(
        url, edit_form(editor_a, [coordinators.pk], is_active="on")
    )

    assert list(editor_a.groups.all()) == [coordinators]
    html = logged_in(moderator).get(USERS).content.decode()
    assert "Giritirta (koordinator)" in html


def test_the_coordinator_learns_no_other_desa_from_the_filter(
    coordinator_a, desa_b, kecamatan
):
    hidden = DesaHomePageFactory(
        parent=kecamatan, name="Desarahasia", kode_kemendagri="33.04.15.2099"
    )
    hidden.unpublish()

    page = logged_in(coordinator_a).get(USERS).content.decode()

    assert "Desarahasia" not in page
    assert f'value="{desa_b.pk}"' not in page
    assert desa_b.name not in page
