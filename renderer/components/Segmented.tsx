import type { KeyboardEvent } from 'react';

/**
 * A row of mutually exclusive options (filters, a type choice): a radio group drawn as
 * joined buttons. Arrow keys move the choice, as in any radio group.
 */
export function Segmented<V extends string>(props: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
}) {
  const index = props.options.findIndex((o) => o.value === props.value);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!step || props.disabled) return;
    e.preventDefault();
    const next = props.options[(index + step + props.options.length) % props.options.length]!;
    props.onChange(next.value);
    (e.currentTarget.querySelector(`[data-value="${next.value}"]`) as HTMLElement | null)?.focus();
  }

  return (
    <div className="segmented" role="radiogroup" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          data-value={o.value}
          aria-checked={o.value === props.value}
          tabIndex={o.value === props.value ? 0 : -1}
          disabled={props.disabled}
          className={`segmented__option${o.value === props.value ? ' segmented__option--on' : ''}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
