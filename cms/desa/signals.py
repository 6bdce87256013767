"""Provisioning on save, and the denormalised desa reference on moves."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, get_page_models
from wagtail.signals import post_page_move

from cms.core.models import DesaContentPage, desa_id_for_path
from cms.kecamatan.models import KecamatanHomePage

from . import roles
from .models import DesaHomePage

# Saves that only touch these fields (draft saves, locks) never rename a desa.
PROVISIONING_FIELDS = {"name", "title"}


def _touches_identity(update_fields) -> bool:
    return update_fields is None or bool(PROVISIONING_FIELDS & set(update_fields))


@receiver(post_save, sender=DesaHomePage)
def provision_desa_on_save(sender, instance, created, update_fields, **kwargs):
    if created or _touches_identity(update_fields):
        roles.provision_desa(instance)


@receiver(post_save, sender=KecamatanHomePage)
def provision_kecamatan_on_save(sender, instance, created, update_fields, **kwargs):
    if created or _touches_identity(update_fields):
        roles.provision_kecamatan(instance)


@receiver(post_page_move)
def refresh_desa_after_move(sender, instance, **kwargs):
    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path is None:
        return
    desa_id = desa_id_for_path(path)
    for model in get_page_models():
        if issubclass(model, DesaContentPage) and not model._meta.abstract:
            model.objects.filter(path__startswith=path).update(desa_id=desa_id)
