FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-noto-cjk gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/portal
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir -e . && django-admin compilemessages -v0
ENV PORTAL_VAR_DIR=/srv/portal/var
EXPOSE 8000
