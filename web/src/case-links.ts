// Where each process is worked: its own page by the subject id (the registry's subjectId), the
// read-only process page for a type that has none.
import type { ProcessType } from '../../domain/vocabulary';

const PAGES: Partial<Record<ProcessType, string>> = {
  correction: '/corrections',
  catalog_update: '/catalog/changes',
  sharing_request: '/sharing/requests',
  sharing_dispute: '/sharing/disputes',
};

export const casePage = (p: { type: ProcessType; subjectId: string; workflowId: string }): string => {
  const base = PAGES[p.type];
  return base ? `${base}/${encodeURIComponent(p.subjectId)}` : `/processes/${encodeURIComponent(p.workflowId)}`;
};
