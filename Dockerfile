# Production image for the worker, the API and the migration step (one image, three commands;
# docker-compose.yml picks the command). TypeScript runs through tsx, a runtime dependency.
# No secret is baked in: DATABASE_URL and the rest arrive as environment variables at run time.

# Build stage: the web console (Vite, Vue, Element Plus are dev dependencies) into web/dist.
FROM node:24-bookworm-slim AS web

WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci

# The console imports the pure rules it shares with the API (domain/identifiers.ts, domain/catalog.ts).
COPY tsconfig.json ./
COPY domain ./domain
COPY web ./web
RUN node node_modules/vite/bin/vite.js build --config web/vite.config.ts --logLevel warn

# Runtime stage: runtime dependencies only, the sources, and the built console.
FROM node:24-bookworm-slim

WORKDIR /app

# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY tsconfig.json *.ts ./
COPY api ./api
COPY activities ./activities
COPY workflows ./workflows
COPY domain ./domain
COPY db ./db
COPY scripts ./scripts
# Served at / by the API (api/plugins/web-console.ts reads web/dist).
COPY --from=web /app/web/dist ./web/dist

# The code stays owned by root and read-only to the process; tsx caches in /tmp. The audit
# signing key's volume starts owned by the process, so the first start can write the key.
RUN mkdir -p /var/lib/county/audit && chown node:node /var/lib/county/audit
USER node

CMD ["node", "--import", "tsx", "api/server.ts"]
