/** An on/off switch: a button with role "switch", so screen readers announce its name and state. */
export interface SwitchProps {
  checked: boolean;
  /** Id of the element naming the switch (a heading or label). */
  labelledBy: string;
  disabled?: boolean;
  onChange?: (checked: boolean) => void;
}

export function Switch({ checked, labelledBy, disabled, onChange }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      class="a-switch"
      aria-checked={checked}
      aria-labelledby={labelledBy}
      disabled={disabled}
      onClick={() => onChange?.(!checked)}
    >
      <span />
    </button>
  );
}
