import type { LiveStatsDoc } from '../../schema';

/**
 * Who counts as a live's audience, in one place: a reserver holds an active reservation; a viewer
 * watched at least this many minutes (a stats record alone — a tap, a comment — is not watching).
 * Metrics, "viewers" coupons and the post-live segmentation all ask here.
 */
export const VIEWER_MIN_WATCH_MINUTES = 1;

export const isViewer = (stats: Pick<LiveStatsDoc, 'watchMinutes'> | null | undefined): boolean =>
  (stats?.watchMinutes ?? 0) >= VIEWER_MIN_WATCH_MINUTES;

/** The Db filter for viewers' stats records. */
export const VIEWER_FILTER = { watchMinutes: { $gte: VIEWER_MIN_WATCH_MINUTES } } as const;

export const isReserver = (reservation: { status: string } | null | undefined): boolean => reservation?.status === 'active';
