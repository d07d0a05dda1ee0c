// Which external tools a target needs, and what happens when one is missing:
// outside CI the target is skipped with "skipped: <tool> not found"; under
// CI (CI=true) the missing tool is a failure.
import { describe, it } from 'vitest';
import { isCI, missingTools } from './tools.js';

/** describe() for a target that needs external tools. */
export function describeTarget(title: string, tools: string[], body: () => void): void {
  const missing = missingTools(tools);
  if (!missing.length) {
    describe(title, body);
    return;
  }
  if (isCI()) {
    describe(title, () => {
      it('has its tools', () => {
        throw new Error(`${title}: ${missing.join(', ')} not found, and CI=true requires every target (.ci/run installs them)`);
      });
    });
    return;
  }
  const reason = `skipped: ${missing[0]} not found`;
  console.log(`${title}: ${reason}`);
  describe.skip(`${title} (${reason})`, body);
}

