import type { ComponentChildren } from 'preact';

/** An action button. Every action uses this one element and class: equal prominence by construction. */
export const Button = ({ onClick, children }: { onClick: () => void; children: ComponentChildren }) => (
  <button type="button" class="a-btn" onClick={onClick}>
    {children}
  </button>
);
