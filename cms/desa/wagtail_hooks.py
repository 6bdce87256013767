from django.db.models import Q
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page, PageViewRestriction


@hooks.register("construct_page_chooser_queryset")
def hide_other_desa_drafts_from_the_chooser(pages, request):
    """Editors may link to any public page, but only see unpublished or
    private pages inside the subtrees they are granted (their own desa).
    Wagtail's stock chooser lists every page of the site, drafts included,
    and shows the draft title of live pages, so another desa's page with
    unpublished changes is left out until those changes are published."""
    user = request.user
    if user.is_superuser:
        return pages
    public = Q(live=True, has_unpublished_changes=False)
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        public &= ~Q(path__startswith=path)
    own = Q(pk__in=[])
    granted = GroupPagePermission.objects.filter(group__user=user)
    for path in granted.values_list("page__path", flat=True).distinct():
        own |= Q(path__startswith=path)
    # Filter on ids: the chooser's search results only filter on indexed
    # fields, and `id` is one of them.
    hidden = Page.objects.exclude(public | own).values_list("pk", flat=True)
    return pages.exclude(pk__in=list(hidden))
