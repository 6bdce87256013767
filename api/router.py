"""Wagtail's own v2 endpoints (pages, images, documents), narrowed to public
content and JSON only, plus the project's endpoints, under /api/v2/."""

from rest_framework.renderers import JSONRenderer
from rest_framework.routers import SimpleRouter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.core.visibility import public_media, public_pages

from . import views


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint without pages under an unpublished ancestor
    (Wagtail checks `live` on the page itself only)."""

    renderer_classes = [JSONRenderer]

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only images that public pages use: an image uploaded for a draft, or
    for another desa's unpublished page, is not listed."""

    renderer_classes = [JSONRenderer]

    def get_queryset(self):
        return public_media(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    renderer_classes = [JSONRenderer]

    def get_queryset(self):
        return public_media(super().get_queryset())


wagtail_router = WagtailAPIRouter("wagtailapi")
wagtail_router.register_endpoint("pages", PublicPagesAPIViewSet)
wagtail_router.register_endpoint("images", PublicImagesAPIViewSet)
wagtail_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

router = SimpleRouter()
router.register("desa", views.DesaAPIViewSet, basename="desa")
router.register("news", views.NewsAPIViewSet, basename="news")
router.register("tourism", views.TourismAPIViewSet, basename="tourism")
router.register("wisdom", views.WisdomAPIViewSet, basename="wisdom")
router.register("development", views.DevelopmentAPIViewSet, basename="development")
