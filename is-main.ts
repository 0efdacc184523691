import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True when the module at `url` is the script node was started with. Not `import.meta.main`:
 * under tsx's loader it is undefined even for the entry module (seen on Node 24.19).
 */
export const isMain = (url: string): boolean => !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(url));
