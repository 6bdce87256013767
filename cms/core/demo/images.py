"""Small generated images for the demo: no downloads, deterministic."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

SIZE = (960, 540)


def _colours(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode()).digest()
    top = (40 + digest[0] % 80, 90 + digest[1] % 100, 60 + digest[2] % 90)
    bottom = (20 + digest[3] % 60, 40 + digest[4] % 80, 30 + digest[5] % 70)
    return top, bottom


def render(title: str) -> bytes:
    """A vertical gradient with the title written on it, as JPEG."""
    top, bottom = _colours(title)
    image = PILImage.new("RGB", SIZE, top)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):
        t = y / SIZE[1]
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=colour)
    font = ImageFont.load_default(size=34)
    draw.text((40, SIZE[1] - 110), title[:48], fill=(255, 255, 255), font=font)
    draw.text((40, SIZE[1] - 60), "Gambar contoh", fill=(230, 230, 230), font=font)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def demo_image(title: str, collection: Collection):
    """The demo image with this title in this collection, made once."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    digest = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    image = image_model(title=title, collection=collection)
    image.file = ImageFile(BytesIO(render(title)), name=f"demo-{digest}.jpg")
    image.save()
    return image
