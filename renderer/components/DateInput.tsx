import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate, normaliseDateText } from './dateText';

/**
 * A business date, typed as YYYY-MM-DD (also accepts 2026/4/1, 20260401, 2026年4月1日 and
 * tidies them on blur) or picked from the browser's calendar with the button beside it.
 * The value is the text as typed, so a wrong entry stays visible next to its error.
 */
export function DateInput(props: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
  min?: string;
  max?: string;
}) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className={`affix affix--date${props.disabled ? ' affix--disabled' : ''}`}>
      <input
        id={props.id}
        className="affix__input num-text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('ui.date.placeholder')}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={(e) => {
          const tidy = normaliseDateText(e.target.value);
          if (tidy !== e.target.value) props.onChange(tidy);
        }}
      />
      <button
        type="button"
        className="affix__button"
        aria-label={t('ui.date.pick')}
        title={t('ui.date.pick')}
        disabled={props.disabled}
        onClick={() => picker.current?.showPicker?.()}
      >
        <CalendarIcon />
      </button>
      {/* The native picker, invisible: it only supplies the calendar popup. */}
      <input
        ref={picker}
        type="date"
        className="affix__picker"
        tabIndex={-1}
        aria-hidden="true"
        value={isIsoDate(props.value) ? props.value : ''}
        min={props.min}
        max={props.max}
        onChange={(e) => e.target.value && props.onChange(e.target.value)}
      />
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="2" y="3" width="12" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}
