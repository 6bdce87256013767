"""Admin panels of the desa home page."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel


def boundary_points(boundary) -> list:
    """Every [lat, lon] pair of a boundary (nested arrays of them)."""
    if not isinstance(boundary, list):
        return []
    if len(boundary) == 2 and all(isinstance(n, int | float) for n in boundary):
        return [boundary]
    return [point for item in boundary for point in boundary_points(item)]


def boundary_summary(boundary) -> str:
    """The boundary in words: how many points, and the box around them."""
    points = boundary_points(boundary)
    if not points:
        return _("No boundary yet (an accepted OpenSID identity push sets it).")
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    count = ngettext("%(count)s point", "%(count)s points", len(points)) % {
        "count": len(points)
    }
    return _("%(count)s, from %(south)s, %(west)s to %(north)s, %(east)s") % {
        "count": count,
        "south": min(lats),
        "west": min(lons),
        "north": max(lats),
        "east": max(lons),
    }


class BoundaryPanel(FieldPanel):
    """The boundary, read-only and summarised (the raw arrays are long)."""

    def format_value_for_display(self, value):
        return boundary_summary(value)
