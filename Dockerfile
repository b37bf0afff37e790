# mockserver: the emulated vendor APIs in one small image.
#   docker build -t mockserver .
#   docker run --rm -p 8080:8080 mockserver
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# /state: where a --state-file volume is mounted (a new named volume takes over its owner).
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin mockserver \
    && install -d -o 10001 -g 10001 /state

WORKDIR /app

# Pinned dependencies first, so code changes do not invalidate this layer.
COPY requirements.lock ./
RUN python -m pip install --no-cache-dir -r requirements.lock

COPY pyproject.toml README.md ./
COPY mockserver ./mockserver
RUN python -m pip install --no-cache-dir --no-deps . && rm -rf build ./*.egg-info

COPY fixtures ./fixtures
COPY scenarios ./scenarios

# Inside a container the server must listen on every interface to be reachable through -p.
ENV MOCKSERVER_HOST=0.0.0.0 \
    MOCKSERVER_PORT=8080 \
    MOCKSERVER_FIXTURES=/app/fixtures \
    MOCKSERVER_SCENARIOS_DIR=/app/scenarios

USER 10001
EXPOSE 8080

# slim has no curl: ask /__admin/health with the standard library (with the admin token and TLS when set).
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["python", "-c", "import os, ssl, urllib.request as r; e = os.environ.get; tls = bool(e('MOCKSERVER_TLS_CERT')); ctx = ssl._create_unverified_context() if tls else None; req = r.Request(('https' if tls else 'http') + '://127.0.0.1:' + e('MOCKSERVER_PORT', '8080') + '/__admin/health', headers={'Authorization': 'Bearer ' + e('MOCKSERVER_ADMIN_TOKEN', '')}); r.urlopen(req, timeout=2, context=ctx)"]

CMD ["mockserver", "serve"]
