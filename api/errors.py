"""Every error of the public API is JSON: {"message": "..."}."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler


class BadRequest(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"


def api_exception_handler(exc, context):
    """DRF errors as {"message": ...}, like wagtail.api.v2."""
    response = exception_handler(exc, context)
    if response is not None:
        detail = (
            response.data.get("detail") if isinstance(response.data, dict) else None
        )
        response.data = {"message": str(detail or response.data)}
    return response


def json_error(message: str, status_code: int, **headers) -> JsonResponse:
    response = JsonResponse({"message": message}, status=status_code)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def not_found(request, *args, **kwargs) -> JsonResponse:
    """JSON 404 for any unknown path under /api/."""
    return json_error(_("Not found."), status.HTTP_404_NOT_FOUND)
