# One image for both processes; the command picks the role:
#   docker run <image> api      (default)  = `npm run api`
#   docker run <image> worker              = `npm run worker`
# They run as `node --import tsx <role>/main.ts`, exactly what the npm scripts run but without npm, sh and
# the tsx wrapper in between, so node is PID 1 and `docker stop`'s SIGTERM reaches it: the API finishes
# in-flight requests and the worker its in-flight tasks before exiting. Any other command runs as given.
FROM node:20-slim

ENV NODE_ENV=production \
    # The postinstall looks for local Temporal dev/test binaries: not needed in this image.
    DISPOSITIFS_SKIP_TEMPORAL_INSTALL=1

WORKDIR /app

# Dependencies first, for the layer cache (the postinstall script must exist before `npm ci`).
COPY package.json package-lock.json ./
COPY scripts/temporal-binaries.js scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

USER node
EXPOSE 3000

ENTRYPOINT ["sh", "-c", "case \"$0\" in worker|api) exec node --import tsx \"$0/main.ts\" \"$@\";; *) exec \"$0\" \"$@\";; esac"]
CMD ["api"]
