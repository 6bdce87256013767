from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.core.admin_scope import ChoosableByPageEditorsPolicy
from cms.core.admin_views import ScopedSnippetViewSet

from .models import NewsCategory

# Before the snippet registration, which would settle on the default policy.
register_permission_policy(NewsCategory, ChoosableByPageEditorsPolicy(NewsCategory))


class NewsCategoryViewSet(ScopedSnippetViewSet):
    """Moderators keep the list; a news page picks its category from it."""

    model = NewsCategory


register_snippet(NewsCategoryViewSet)
