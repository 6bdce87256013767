"""Generated demo logos: a round emblem in the site's theme colour with its
initials. No downloads, deterministic."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

SIZE = 256


def initials(name: str) -> str:
    words = name.replace("Kecamatan", "").replace("Desa", "").split()
    return "".join(word[0] for word in words[:2]).upper() or "?"


def render(name: str, colour: str) -> bytes:
    image = PILImage.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, SIZE - 4, SIZE - 4), fill=colour, outline="#ffffff", width=10)
    font = ImageFont.load_default(size=110)
    draw.text(
        (SIZE / 2, SIZE / 2), initials(name), fill="#ffffff", font=font, anchor="mm"
    )
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def demo_logo(name: str, colour: str, collection):
    """The demo logo of `name` in this collection, made once."""
    title = f"Logo {name} (contoh)"
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    digest = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    description = f"Ilustrasi contoh: logo {name}, inisialnya dalam lingkaran"
    image = image_model(title=title, collection=collection, description=description)
    image.file = ImageFile(BytesIO(render(name, colour)), name=f"logo-{digest}.png")
    image.save()
    return image
