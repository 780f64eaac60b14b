# The portal as a web container: gunicorn over PostgreSQL, started by bin/start
# exactly as `make run` starts it. Configuration comes from the environment.
FROM python:3.11-slim

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
