# Two images from one file (docker-compose.yml builds both):
#   web    gunicorn over PostgreSQL, started by bin/start exactly as `make run` starts it
#   nginx  Debian's nginx in front of it, with the repository's config run by bin/nginx
#          exactly as `make stack` runs it, serving the web image's collected static files
# Configuration comes from the environment.
FROM python:3.11-slim AS web

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    COLLECTSTATIC=0

WORKDIR /app
RUN useradd --create-home --uid 1000 portal

COPY . .
RUN pip install --no-cache-dir -e . \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000
CMD ["bin/start"]

FROM debian:bookworm-slim AS nginx
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
        libnginx-mod-http-brotli-static gettext-base \
    && rm -rf /var/lib/apt/lists/*
ENV NGINX_LISTEN=80 \
    NGINX_UPSTREAM=web:8000 \
    NGINX_VAR=/var/cache/portal-nginx \
    NGINX_USER=www-data \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media
WORKDIR /app
COPY bin/nginx bin/nginx
COPY deploy/nginx deploy/nginx
COPY --from=web /app/staticfiles /app/staticfiles
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["bin/nginx"]
