// A process's deadline and level as the registry holds them; `normal` before the workflow has registered.
import { type ProcessRow, registryDeadline } from '../../db/repositories/registry.repo';

export const clockView = (p: ProcessRow | null) => ({ deadline: registryDeadline(p), level: p?.level ?? 'normal' });
