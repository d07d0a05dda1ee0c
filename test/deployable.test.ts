// When train refuses a network as useless (F5): loose bounds, every reason named.
import { describe, expect, it } from 'vitest';
import { rateCeiling, uselessReason } from '../src/commands/deployable.js';
import { uselessHint } from '../src/commands/train.js';

const net = { policy: 'winner' as const, N: 50, dt: 2.5e-4 };

describe('uselessReason', () => {
  it('the rule ceilings: winner one spike per step in the network (80 Hz at N=50, dt 0.25 ms), parallel one per neuron per step', () => {
    expect(rateCeiling('winner', 50, 2.5e-4)).toBeCloseTo(80, 9);
    expect(rateCeiling('parallel', 50, 2.5e-4)).toBeCloseTo(4000, 9);
  });
  it('a network that does its task imperfectly is kept (errors 20%, 30 Hz)', () => {
    expect(uselessReason({ amplitudeError: 0.2, periodError: 0.2, meanRate: 30 }, net)).toBeNull();
  });
  it('names every reason: errors above 50%, an unmeasurable error, a wrong basin, a saturated rate', () => {
    const why = uselessReason({ amplitudeError: 0.95, periodError: Infinity, basinAccuracy: 0.2, meanRate: 79 }, net)!;
    expect(why).toMatch(/amplitude error 95% > 50%/);
    expect(why).toMatch(/period error not measurable > 50%/);
    expect(why).toMatch(/only 20% of starts reach the right fixed point/);
    expect(why).toMatch(/mean rate 79 Hz per neuron is above 50% of the winner rule's ceiling of 80 Hz/);
  });
  it('a parallel network at 1,127 Hz per neuron (far below its 4 kHz ceiling) is ping-pong, useless; at 99 Hz it is kept', () => {
    const par = { policy: 'parallel' as const, N: 20, dt: 2.5e-4 };
    expect(uselessReason({ amplitudeError: 0.06, periodError: 0.44, meanRate: 1127 }, par)).toMatch(/mean rate 1127 Hz per neuron is above 100 Hz \(the neurons ping-pong/);
    expect(uselessReason({ amplitudeError: 0.06, periodError: 0.44, meanRate: 99 }, par)).toBeNull();
  });
});

describe('uselessHint', () => {
  it('names only options that differ from what was run', () => {
    expect(uselessHint('loihi', 'parallel')).toBe('try a wider --format (q24 or w16), --policy winner (the MCU rule), longer training (--seconds), more neurons (--neurons)');
    expect(uselessHint('q24', 'parallel')).toBe('try --policy winner (the MCU rule), longer training (--seconds), more neurons (--neurons)');
    expect(uselessHint('q24', 'winner')).toBe('try longer training (--seconds), more neurons (--neurons)');
  });
});
