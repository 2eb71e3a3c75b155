# 平仓助手 (pingcang): the bot in a slim image, run as an unprivileged user.
#   docker build -t pingcang .
#   docker run --env-file .env -v pingcang-data:/data pingcang
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY grammar ./grammar
COPY knowledge ./knowledge
RUN pip install --no-cache-dir --upgrade pip \
 && pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/pingcang.db
RUN useradd --system --create-home --uid 10001 pingcang \
 && mkdir /data && chown pingcang /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER pingcang
WORKDIR /data
VOLUME ["/data"]
# Webhook mode listens here (set WEBHOOK_LISTEN=0.0.0.0 inside a container).
EXPOSE 8443
STOPSIGNAL SIGTERM
CMD ["pingcang", "run"]
