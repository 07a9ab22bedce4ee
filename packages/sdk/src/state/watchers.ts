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
      if (allows(category, serviceId)) {
        fn();
        return () => {};
      }
      const off = on('change', () => {
        if (!allows(category, serviceId)) return;
        off();
        fn();
      });
      return off;
    },
    onWithdraw: (category, fn) => on('withdraw', ({ categories }) => categories.includes(category) && fn()),
  };
}
