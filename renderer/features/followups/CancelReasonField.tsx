import { useQuery } from '@tanstack/react-query';
import { Field } from '../../components/Field';
import { invoke } from '../../lib/api';

/**
 * A pick from the owner's cancel reasons (Settings › Follow-up rules): the cancel dialog's "why is the member
 * leaving" and a follow-up's "not interested" both use it.
 */
export function useCancelReasons(): string[] {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  return settings.data?.cancelReasons ?? [];
}

export function CancelReasonField(props: { label: string; value: string; onChange: (reason: string) => void; error?: string | undefined }) {
  const reasons = useCancelReasons();
  return (
    <Field label={props.label} error={props.error}>
      {(id, d) => (
        <select id={id} aria-describedby={d} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
