"""What each admin user may see, wherever Wagtail's own views do not narrow
it: admin API endpoints, choosers, reports and tag suggestions.

The rules, one function each:

- Pages a user *works on*: the subtrees they hold a page permission on (a
  desa editor: their own desa; a moderator: the whole kecamatan). Reports
  list only these, since a report shows draft titles and editors.
- Pages a user may *link to*: those, plus every public page (live, no
  unpublished changes, no unpublished or private ancestor). The page chooser
  offers only these: it shows a page's latest draft title.
- Media a user may *choose*: images and documents in the collections where
  they hold the "choose" permission (their desa's collection; moderators all).
- Snippets: their choosers answer only users with some permission on the
  snippet model (a policy may grant "choose" more widely, e.g. to page
  editors for a list a page field picks from).
- Any object the admin names (bulk action confirmations, usage listings):
  pages they may link to, media they may choose, objects of other models
  only as far as the model's permission policy grants some action on them
  (`visible_objects`).
- Tags: a tag is suggested, or offered as a filter, only when something the
  user may see carries it.

Superusers see everything. Nothing here knows a content type; the hooks and
views that apply these rules are in wagtail_hooks.py and admin_views.py.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Model, Q, QuerySet
from django.db.models.functions import Cast
from taggit.models import ItemBase, Tag
from wagtail.models import CollectionMember, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, policy_registry

from .media_access import choosable_media
from .visibility import public_pages

PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
SNIPPET_ACTIONS = ["add", "change", "delete", "view", "choose"]


def worked_on_pages(user, queryset: QuerySet | None = None) -> QuerySet:
    """Pages in the subtrees the user holds any page permission on."""
    if queryset is None:
        queryset = Page.objects.all()
    if user.is_active and user.is_superuser:
        return queryset
    granted = page_permission_policy.instances_user_has_any_permission_for(
        user, PAGE_ACTIONS
    )
    return queryset.filter(pk__in=granted.values("pk"))


def linkable_pages(user, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed to the pages the user may link to. Filters on ids
    only: the chooser's search results can filter on indexed fields alone,
    and `id` is one of them."""
    if user.is_active and user.is_superuser:
        return queryset
    public = public_pages(Page.objects.filter(has_unpublished_changes=False))
    worked_on = worked_on_pages(user)
    hidden = (
        Page.objects.exclude(pk__in=public.values("pk"))
        .exclude(pk__in=worked_on.values("pk"))
        .values_list("pk", flat=True)
    )
    return queryset.exclude(pk__in=list(hidden))


def may_link_to(user, page: Page) -> bool:
    return linkable_pages(user, Page.objects.filter(pk=page.pk)).exists()


def may_choose_snippet(user, model: type[Model]) -> bool:
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission(user, SNIPPET_ACTIONS)


def visible_objects(user, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed to the objects the admin may name to the user:
    pages they may link to, media they may choose, and objects of any other
    model only with a permission on that model."""
    if user.is_active and user.is_superuser:
        return queryset
    model = queryset.model
    if issubclass(model, Page):
        return linkable_pages(user, queryset)
    if issubclass(model, CollectionMember):
        return choosable_media(user, queryset)
    # The model's policy: all or nothing for a ModelPermissionPolicy, the
    # accounts a team manager manages for users (cms/accounts/teams.py).
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, SNIPPET_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


def visible_references(user, references: QuerySet) -> QuerySet:
    """Reference index rows narrowed to those whose source object (a page,
    a snippet) the user may see. Wagtail's usage listings show a row for
    every source, "(Private page)" for one the user cannot edit."""
    if user.is_active and user.is_superuser:
        return references
    seen = Q(pk__in=[])
    sources = references.order_by().values("base_content_type").distinct()
    for content_type in ContentType.objects.filter(pk__in=sources):
        model = content_type.model_class()
        if model is None:
            continue
        keys = visible_objects(user, model._default_manager.all()).annotate(
            key=Cast("pk", CharField())
        )
        seen |= Q(base_content_type=content_type, object_id__in=keys.values("key"))
    return references.filter(seen)


class ChoosableByPageEditorsPolicy(ModelPermissionPolicy):
    """For a snippet list that a page field picks from (news categories):
    whoever may add or edit pages may choose from it; managing the list
    stays with the model permissions."""

    def user_has_permission(self, user, action):
        if action == "choose":
            return page_permission_policy.user_has_any_permission(
                user, ["add", "change"]
            )
        return super().user_has_permission(user, action)


def visible_tags(user, tags: QuerySet) -> QuerySet:
    """`tags` narrowed to those carried by a page the user may link to or by
    media they may choose (other tagged models: with a permission on them)."""
    if user.is_active and user.is_superuser:
        return tags
    carried = Q(pk__in=[])
    for through in _tag_through_models(tags.model):
        carried |= Q(pk__in=_visible_taggings(user, through).values("tag_id"))
    return tags.filter(carried)


def popular_tags(user, model: type[Model], count: int = 10) -> QuerySet:
    """The tags most used on the objects of `model` (images, documents) that
    the user may see. Wagtail's listings and image chooser offer the tags
    most used on every object of the model, other desa's included."""
    content_type = ContentType.objects.get_for_model(model)
    visible = visible_objects(user, model._default_manager.all())
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=content_type,
            taggit_taggeditem_items__object_id__in=visible.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


def _tag_through_models(tag_model: type[Model]) -> list[type[ItemBase]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ItemBase)
        and model._meta.get_field("tag").related_model is tag_model
    ]


def _visible_taggings(user, through: type[ItemBase]) -> QuerySet:
    """The taggings of `through` whose object the user may see."""
    field = through._meta.get_field("content_object")
    if field.is_relation and field.related_model:
        visible = _visible_objects(user, field.related_model)
        return through.objects.filter(content_object__in=visible.values("pk"))
    visible = Q(pk__in=[])
    used = through.objects.order_by().values("content_type").distinct()
    for content_type in ContentType.objects.filter(pk__in=used):
        model = content_type.model_class()
        if model is not None:
            object_ids = _visible_objects(user, model).values("pk")
            visible |= Q(content_type=content_type, object_id__in=object_ids)
    return through.objects.filter(visible)


def _visible_objects(user, model: type[Model]) -> QuerySet:
    return visible_objects(user, model._default_manager.all())
