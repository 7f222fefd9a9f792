FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_ENV=production \
    VAR_DIR=/srv/var

WORKDIR /app
RUN useradd --system --uid 1000 --home /app careers \
    && mkdir -p /srv/var/media /srv/var/private /srv/var/staticfiles \
    && chown -R careers /srv/var

COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .

USER careers
EXPOSE 8000
ENTRYPOINT ["bash", "docker/entrypoint.sh"]
