/**
 * `whenGranted` and `onWithdraw`, built on any `allows` + `on` pair: the consent instance and
 * the script tag's `window.Assent` share them.
 */
import type { Category, OptionalCategory } from '../schema/receipt.js';
import type { Consent } from '../types.js';

export function grantWatchers(
  allows: (category: Category, serviceId?: string) => boolean,
  on: Consent['on'],
): Pick<Consent, 'whenGranted' | 'onWithdraw'> {
  return {
    whenGranted(category: OptionalCategory, fn: () => void, serviceId?: string) {
      // Runs `fn` once, now or at the first change that grants; afterwards `off` does nothing.
      const run = () => allows(category, serviceId) && (off(), fn());
      const off = on('change', run);
      run();
      return off;
    },
    onWithdraw: (category, fn) => on('withdraw', ({ categories }) => categories.includes(category) && fn()),
  };
}
