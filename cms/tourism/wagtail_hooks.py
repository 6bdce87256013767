from wagtail.snippets.models import register_snippet

from cms.core.admin_views import ScopedSnippetViewSet

from .models import TourismFacility


class TourismFacilityViewSet(ScopedSnippetViewSet):
    """Moderators keep the list; a tourism page ticks its facilities."""

    model = TourismFacility


register_snippet(TourismFacilityViewSet)
