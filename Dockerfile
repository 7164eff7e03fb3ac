# syntax=docker/dockerfile:1
# The platform's production image: the server compiled to one ES module (scripts/build-server.mjs),
# the built web app, production dependencies only, tini as PID 1, a health check.
#
#   docker build -t telehealth-hub .
#   docker build --build-arg MEDIASOUP_WORKER_BIN=vendor/mediasoup-worker -t telehealth-hub .
#
# MEDIASOUP_WORKER_BIN: a mediasoup-worker built offline (a path inside the build context, e.g. from
# ../shared/mediasoup/provision.sh). Without it mediasoup downloads or builds its worker during
# `npm ci`, which needs the internet.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Toolchain for native modules (and for mediasoup's worker when it has to build it).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 python3-pip make g++ \
  && rm -rf /var/lib/apt/lists/*
ARG MEDIASOUP_WORKER_BIN=
# Copies package.json as a harmless stand-in when no offline worker is given.
COPY ${MEDIASOUP_WORKER_BIN:-package.json} /opt/mediasoup/offline-worker
RUN if [ -n "$MEDIASOUP_WORKER_BIN" ]; then chmod 0755 /opt/mediasoup/offline-worker; \
  else rm /opt/mediasoup/offline-worker; fi
COPY package.json package-lock.json ./
COPY platform/package.json platform/
COPY api/package.json api/
COPY signaling/package.json signaling/
COPY sfu/package.json sfu/
COPY ai-worker/package.json ai-worker/
COPY web/package.json web/
COPY bench/package.json bench/
# With the offline worker present mediasoup's install step skips fetching or building its own.
RUN if [ -x /opt/mediasoup/offline-worker ]; then export MEDIASOUP_WORKER_BIN=/opt/mediasoup/offline-worker; fi \
  && npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w web && node scripts/build-server.mjs dist
# The worker the image ships: the offline one, or the one mediasoup fetched/built.
RUN if [ -x /opt/mediasoup/offline-worker ]; then mv /opt/mediasoup/offline-worker /opt/mediasoup/mediasoup-worker; \
  else cp node_modules/mediasoup/worker/out/Release/mediasoup-worker /opt/mediasoup/mediasoup-worker; fi
# Production dependencies only; then what the runtime needs, laid out as in the repository (the
# bundle finds platform/migrations, web/build, the PDF font in api/assets and the triage cases digest
# relative to where their
# modules' sources were).
RUN npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@telehealth node_modules/mediasoup/worker/out node_modules/mediasoup/worker/subprojects
# uWebSockets.js ships a binary per platform and Node ABI (~250 MiB of the ~490 MiB of production
# packages): keep this image's one.
RUN node -e "const fs=require('fs'),d='node_modules/uwebsockets',k='uws_'+process.platform+'_'+process.arch+'_'+process.versions.modules+'.node';if(!fs.existsSync(d+'/'+k))throw new Error('no '+k);for(const f of fs.readdirSync(d))if(f.endsWith('.node')&&f!==k)fs.rmSync(d+'/'+f)"
RUN mkdir -p /out/platform /out/web \
  && cp -a package.json node_modules dist /out/ \
  && cp -a platform/migrations /out/platform/ \
  && mkdir -p /out/api && cp -a api/assets /out/api/ \
  && mkdir -p /out/ai-worker/eval/triage && cp ai-worker/eval/triage/cases-digest.json /out/ai-worker/eval/triage/ \
  && cp -a web/build /out/web/ \
  && for ws in platform api signaling sfu ai-worker web; do \
       if [ -d "$ws/node_modules" ]; then mkdir -p "/out/$ws" && cp -a "$ws/node_modules" "/out/$ws/"; fi; \
     done

FROM ${NODE_IMAGE}
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  MEDIASOUP_WORKER_BIN=/opt/mediasoup/mediasoup-worker
WORKDIR /app
COPY --from=build /out /app
COPY --from=build /opt/mediasoup/mediasoup-worker /opt/mediasoup/mediasoup-worker
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The origin (HTTP and the /ws socket). The SFU's UDP+TCP range is SFU_RTC_PORTS (docker-compose.yml
# publishes it): EXPOSE only documents the default.
EXPOSE 3000 40000-40003/udp 40000-40003/tcp
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini reaps the mediasoup worker processes and forwards SIGTERM for the graceful shutdown.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/server.mjs"]
