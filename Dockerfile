# Production image for the worker, the API and the migration step (one image, three commands;
# docker-compose.yml picks the command). TypeScript runs through tsx, a runtime dependency.
# No secret is baked in: DATABASE_URL and the rest arrive as environment variables at run time.
FROM node:20-bookworm-slim

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

# The code stays owned by root and read-only to the process; tsx caches in /tmp.
USER node

CMD ["node", "--import", "tsx", "api/server.ts"]
