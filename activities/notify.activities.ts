import type { Db } from '../db/client';
import { addNotifications, type NewNotification } from '../db/repositories/notifications.repo';

export interface NotifyDeps {
  db: Db;
}

/** Reminders and notices go to the outbox table; delivery channels read it later. */
export function createNotifyActivities({ db }: NotifyDeps) {
  return {
    async notify(rows: NewNotification[]): Promise<void> {
      await addNotifications(db, rows);
    },
  };
}
