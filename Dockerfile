FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/srv/static \
    MEDIA_ROOT=/srv/media \
    PRIVATE_MEDIA_ROOT=/srv/private-media

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 simpul \
    && mkdir -p /srv/static /srv/media /srv/private-media \
    && chown simpul /srv/static /srv/media /srv/private-media

WORKDIR /app
COPY pyproject.toml README.md ./
COPY cms ./cms
COPY api ./api
COPY aggregator ./aggregator
COPY frontend_templates ./frontend_templates
COPY manage.py ./
COPY deploy ./deploy
RUN pip install .

USER simpul
EXPOSE 8000
CMD ["sh", "deploy/start-cms.sh"]
