// The signed-in user's reminders and notices (GET /v1/notifications): the header's unread badge
// and the notification centre read the same list, refreshed on each page change.
import { reactive } from 'vue';
import { api, get } from './api';

export interface NotificationItem {
  id: number;
  kind: string;
  message: string;
  workflowId: string;
  departmentCode: string | null;
  createdAt: string;
  read: boolean;
}

export const inbox = reactive({ items: [] as NotificationItem[], unread: 0 });

/** The newest 200 (the API's most); the badge counts the unread among them. */
export async function refreshNotifications(): Promise<void> {
  inbox.items = (await get<{ items: NotificationItem[] }>('/v1/notifications?limit=200')).items;
  inbox.unread = inbox.items.filter((n) => !n.read).length;
}

export async function markRead(n: NotificationItem): Promise<void> {
  if (n.read) return;
  await api('POST', `/v1/notifications/${n.id}/read`);
  n.read = true;
  inbox.unread = inbox.items.filter((x) => !x.read).length;
}
