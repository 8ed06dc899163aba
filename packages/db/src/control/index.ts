/** Control-plane state shared through the database: settings and live servers. */
export { AUTH_SECRET_SETTING, NODE_TOKEN_SETTING, readSetting, settingOrCreate } from "./settings";
export { beatServer, DEFAULT_SERVER_STALE_MS, liveServers, registerServer, removeServer, type ControlServer } from "./servers";
