# One image for both processes; the command picks the role:
#   docker run <image> api      (default)  = `npm run api`
#   docker run <image> worker              = `npm run worker`
# They run as `node --import tsx <role>/main.ts`, exactly what the npm scripts run but without npm, sh and
# the tsx wrapper in between, so node is PID 1 and `docker stop`'s SIGTERM reaches it: the API finishes
# in-flight requests and the worker its in-flight tasks before exiting. Any other command runs as given.
FROM node:20-slim

ENV NODE_ENV=production \
    # The postinstall looks for local Temporal dev/test binaries: not needed in this image.
    DISPOSITIFS_SKIP_TEMPORAL_INSTALL=1 \
    # Deliverables (and, without DATABASE_URL, the pool's SQLite file): the only place the processes write.
    DATA_DIR=/app/data

WORKDIR /app

# Dependencies first, for the layer cache (the postinstall script must exist before `npm ci`).
COPY package.json package-lock.json ./
COPY scripts/temporal-binaries.js scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The code and node_modules stay owned by root, read-only to the process; only DATA_DIR is the process's (a volume in
# docker-compose: on first use it takes this directory's owner).
COPY . .
RUN mkdir -p /app/data && chown node:node /app/data

# Non-root: the node image's `node` user, by number so that a runtime checking runAsNonRoot (Kubernetes) can verify it.
USER 1000:1000
EXPOSE 3000

# Both roles (scripts/healthcheck.ts reads the role from PID 1): the API's /readyz, or the worker's pollers as the
# Temporal server sees them. docker-compose sets its own intervals.
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 CMD ["node", "--import", "tsx", "scripts/healthcheck.ts"]

ENTRYPOINT ["sh", "-c", "case \"$0\" in worker|api) exec node --import tsx \"$0/main.ts\" \"$@\";; *) exec \"$0\" \"$@\";; esac"]
CMD ["api"]
