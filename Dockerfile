# One image for every role (runtime node, control plane); docker-compose.yml picks the command.
FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY . .
RUN npm ci
# DATABASE_URL is required in this shape: the embedded PostgreSQL is for one-machine use.
ENTRYPOINT ["npx", "--no-install", "wippy"]
