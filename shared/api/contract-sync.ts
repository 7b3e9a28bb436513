/**
 * The API contract's part for: several machines, one budget (issue 17). The ledger is shared
 * through a folder the user's own sync engine (Syncthing, Dropbox, iCloud Drive, OneDrive, a
 * network share) keeps in step; Tokentally runs no server for it.
 * Declare methods on SyncApi and list them in SYNC_METHODS; contract.ts merges both.
 */
import type { Nano } from '../money.js';

/** A file in the sync folder that was skipped, and why (retried on every pass until it reads). */
export interface SyncProblemInfo {
  path: string;
  /** partial: still arriving or cut short; checksum: damaged; newer-version: update Tokentally;
   *  conflicted-copy: a copy the sync engine made (never read); malformed / unreadable. */
  problem: 'partial' | 'checksum' | 'newer-version' | 'malformed' | 'conflicted-copy' | 'unreadable';
  detail: string;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
}

export interface SyncDeviceInfo {
  deviceId: string;
  name: string;
  /** This installation. */
  self: boolean;
  /** Rows in this ledger from that device (this device: its own). */
  rows: number;
  /** Segments merged from it (this device: published). */
  segments: number;
  /** When it last wrote a segment (by its clock), epoch ms; null: never. */
  lastSeenAt: number | null;
}

export interface SyncStatus {
  /** null: sync is off. */
  folder: string | null;
  deviceId: string;
  deviceName: string;
  /** This installation first, then the others by name. */
  devices: SyncDeviceInfo[];
  /** Own rows and changes not published yet. */
  pendingRows: number;
  problems: SyncProblemInfo[];
  /** The last publish or merge failure (a folder that cannot be written, say), or null. */
  lastError: string | null;
  /** When the last pass ran (epoch ms), null: not since this start. */
  lastPassAt: number | null;
}

/** One device's calls over a range (the Overview's "by device"). */
export interface DeviceUsage {
  deviceId: string;
  name: string;
  self: boolean;
  requests: number;
  costNano: Nano;
  /** API and batch cost: what counts as spend. */
  spendNano: Nano;
}

/** The glance's "this machine $X of $Y today", present once other devices' calls are in the ledger. */
export interface ThisDeviceToday {
  name: string;
  /** This machine's own spend today (the summary's todaySpentNano is every device's). */
  todaySpentNano: Nano;
}

export interface SyncApi {
  syncStatus(): Promise<SyncStatus>;
  /** Calls per device over the days (both ends included, in the settings' zone unless tz is given). */
  usageByDevice(query: { since: string; until: string; tz?: string }): Promise<DeviceUsage[]>;
  /** Set the sync folder (an existing folder; null turns sync off) and, optionally, this device's name. */
  setSyncFolder(args: { folder: string | null; deviceName?: string }): Promise<SyncStatus>;
}

export const SYNC_METHODS = {
  syncStatus: true,
  usageByDevice: true,
  setSyncFolder: true,
} as const satisfies Record<keyof SyncApi, true>;

/** Why the hard cap can be passed briefly on several machines: said wherever the cap is shown. */
export const SYNC_DELAY_NOTE = "With sync on, the hard cap counts every device's calls as they arrive through the sync folder: another device's latest calls count only once the sync engine has copied them, so together the devices can pass the cap by what they spent in that delay.";
