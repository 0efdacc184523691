import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when the module at `url` is the script node was started with (Node 20 lacks import.meta.main). */
export const isMain = (url: string): boolean => !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(url));
