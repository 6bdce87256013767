"""Pesan: OpenSID's desa-to-kecamatan messages.

This server does not offer messaging (the kecamatan reaches its desa
through their teams in the admin): a desa's message is answered, in
OpenSID's own terms, that it was not delivered, and the poll OpenSID runs on
every dashboard load is answered at once with no messages, without touching
the database.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def poll(request):
    return JsonResponse({"status": True, "data": []})


@csrf_exempt
def send(request):
    return JsonResponse(
        {
            "status": False,
            "message": _(
                "This kecamatan server does not receive messages from OpenSID. "
                "Contact the kecamatan directly."
            ),
        }
    )


@csrf_exempt
def detail(request):
    return JsonResponse(
        {"status": False, "message": _("No messages."), "data": None}, status=404
    )
