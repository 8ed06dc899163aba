/** Runtime incidents and the activity feed (issue 9). */
export {
  getIncident,
  INCIDENTS_CHANNEL,
  recordIncident,
  resolveIncidents,
  resolveQuietLoops,
  toIncident,
  type IncidentChange,
  type IncidentObservation,
} from "./record";
export { DEFAULT_FEED_PAGE, FEED_ENTRIES_PER_VERSION, listFeed, toFeedVersion, type FeedQuery } from "./feed";
