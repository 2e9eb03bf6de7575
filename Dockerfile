# A production image of a tamtam-rx bot: node:22-slim, production dependencies only, a
# non-root user, and a graceful stop on SIGTERM. See docs/production.md.
#
#   docker build -t tamtam-bot .
#   docker run -d --name tamtam-bot --restart on-failure --stop-timeout 40 \
#     -e TAMTAM_TOKEN -v tamtam-bot-data:/data tamtam-bot
#
# In your own project keep the two stages, and point CMD at your built entry (e.g. dist/bot.js).

# ---- build: dev dependencies, compile ----
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the built code only ----
FROM node:22-slim
ENV NODE_ENV=production \
    TAMTAM_MARKER_FILE=/data/polling.json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
# rxjs is a peer dependency of tamtam-rx, which this repository's lockfile lists as a dev
# dependency: take the locked rxjs (and its one dependency, tslib) from the build stage. In
# your own project rxjs is a dependency and `npm ci --omit=dev` installs it; drop these lines.
COPY --from=build /app/node_modules/rxjs ./node_modules/rxjs
COPY --from=build /app/node_modules/tslib ./node_modules/tslib
COPY --from=build /app/dist ./dist
COPY deploy/bot.mjs ./deploy/bot.mjs
# the polling marker survives restarts and redeploys in this volume, owned by the non-root user
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
# runBot stops gracefully on SIGTERM: no new updates, running handlers finish, the marker is
# saved. Give it time: `docker run --stop-timeout 40` / compose `stop_grace_period: 40s`
# (Docker's default is 10 s; runBot waits up to 30 s for handlers, `polling.stopTimeout`).
STOPSIGNAL SIGTERM
# exec form: node is PID 1 and receives the signal itself (`npm start` would not forward it)
CMD ["node", "deploy/bot.mjs"]
