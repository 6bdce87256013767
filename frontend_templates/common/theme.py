"""Each site's colours, from the theme colour in its profile (the API's
`theme_color` of the desa or the kecamatan), as CSS custom properties in a
small stylesheet per site: /theme.css on the portal, theme.css under each
desa site. Linked after site.css with the colour in its query string (a new
colour is a new URL), so no page needs an inline style, which the
Content-Security-Policy forbids.

The CMS accepts only colours that white text can sit on (WCAG AA, 4.5:1);
the check is repeated here so that no API answer can make the header
unreadable: anything else gives the default colours of site.css."""

import re

from flask import Response

HEX = re.compile(r"#[0-9a-f]{6}")
MIN_CONTRAST = 4.5
# The share of white in the soft background tint of the theme colour.
TINT = 0.9
MAX_AGE = 300


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour: str) -> float:
    red, green, blue = (_linear(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def contrast_with_white(colour: str) -> float:
    return contrast(colour, "#ffffff")


def readable_on(colour: str, background: str) -> str:
    """`colour`, darkened (towards black, same hue) until text in it is
    readable on `background`."""
    red, green, blue = rgb(colour)
    for step in range(100, -1, -1):
        shade = "#" + "".join(
            f"{round(c * step / 100):02x}" for c in (red, green, blue)
        )
        if contrast(shade, background) >= MIN_CONTRAST:
            return shade
    return "#000000"


def usable(colour) -> str | None:
    """The colour if it is one ("#1d5e2a") and white text on it is readable."""
    if not isinstance(colour, str) or not HEX.fullmatch(colour):
        return None
    return colour if contrast_with_white(colour) >= MIN_CONTRAST else None


def tint(colour: str, white: float = TINT) -> str:
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb(colour))


def stylesheet(colour) -> str:
    colour = usable(colour)
    if colour is None:
        return "/* The default colours of site.css. */\n"
    # Links sit on white and on the soft tint: darkened for the tint.
    soft = tint(colour)
    return (
        f":root{{--brand:{colour};--accent:{readable_on(colour, soft)};"
        f"--bar:{colour};--soft:{soft}}}\n"
    )


def href(base: str, colour) -> str:
    """The stylesheet's URL under `base` ("/" or the desa site's root)."""
    return f"{base}theme.css?v={(usable(colour) or '#default')[1:]}"


def response(colour) -> Response:
    css = Response(stylesheet(colour), content_type="text/css; charset=utf-8")
    css.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return css
