import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/api/contract-sync.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

/** Sync (issue 17): the folder, this device and the others seen; read by Settings and the device filters. */
interface SyncState {
  status: SyncStatus | null;
  error: string | null;
  load(): Promise<void>;
  setFolder(folder: string | null, deviceName?: string): Promise<void>;
}

export const useSync = create<SyncState>((set) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await track(getClient().syncStatus()), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async setFolder(folder, deviceName) {
    const status = await getClient().setSyncFolder(deviceName === undefined ? { folder } : { folder, deviceName });
    set({ status, error: null });
  },
}));
