# One image for the platform. With internet access mediasoup downloads its prebuilt worker during
# `npm ci`; offline builders pass MEDIASOUP_WORKER_BIN (see README).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY signaling/package.json signaling/
COPY sfu/package.json sfu/
COPY ai-worker/package.json ai-worker/
COPY web/package.json web/
COPY bench/package.json bench/
RUN npm ci
COPY . .
RUN npm run build --workspace web

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000 40000-40003/udp 40000-40003/tcp
CMD ["node", "--import", "tsx", "api/src/main.ts"]
