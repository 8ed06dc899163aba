# One image for every role (runtime node, control plane); docker-compose.yml picks the command.
FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY . .
# Dev dependencies too: `next build` needs TypeScript, and the CLI and the control plane run
# their TypeScript sources through tsx (no separate compile step).
RUN npm ci --include=dev
# The control plane's pages, built once into the image (the server refuses to start without them).
RUN npm run build -w @wippy/web
# DATABASE_URL is required in this shape: the embedded PostgreSQL is for one-machine use.
ENTRYPOINT ["npx", "--no-install", "wippy"]
