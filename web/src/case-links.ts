// Where each process is worked: its own page by the subject id (the registry's subjectId), the
// read-only process page for a type that has none.
import type { ProcessType } from '../../domain/vocabulary';

const PAGES: Partial<Record<ProcessType, string>> = {
  correction: '/corrections',
  catalog_update: '/catalog/changes',
  catalog_compilation: '/catalog/compilations',
  sharing_request: '/sharing/requests',
  sharing_dispute: '/sharing/disputes',
  annual_report: '/annual-reports',
  rectification: '/rectifications',
  finding: '/findings',
  conflict: '/conflicts',
  it_project: '/it-projects',
  penalty_case: '/penalty-cases',
};

export const casePage = (p: { type: ProcessType; subjectId: string; workflowId: string }): string => {
  // A registered finding's registry row carries its case number (WG…), an automatic one its record id.
  if (p.type === 'finding' && !/^\d+$/.test(p.subjectId)) return `/findings/process/${encodeURIComponent(p.workflowId)}`;
  const base = PAGES[p.type];
  return base ? `${base}/${encodeURIComponent(p.subjectId)}` : `/processes/${encodeURIComponent(p.workflowId)}`;
};
