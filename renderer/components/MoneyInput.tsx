import { useTranslation } from 'react-i18next';
import { currencySymbol, tidyMoneyText } from './moneyText';

/**
 * An amount in the business currency, typed and shown in major units ("129.90") with the
 * currency symbol in front. The value is the text as typed, so a wrong entry stays visible
 * next to its error; convert with `textToMinor(text, currency)` (integer minor units, never
 * a float) when saving, and fill it with `minorToText(minor, currency)`.
 * On blur a valid amount is tidied to the currency's decimals ("12.5" → "12.50").
 */
export function MoneyInput(props: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  currency: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  placeholder?: string;
  disabled?: boolean;
}) {
  const { i18n } = useTranslation();
  return (
    <div className={`affix${props.disabled ? ' affix--disabled' : ''}`}>
      <span className="affix__text" aria-hidden="true">
        {currencySymbol(props.currency, i18n.language)}
      </span>
      <input
        id={props.id}
        className="affix__input num"
        inputMode="decimal"
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={(e) => {
          const tidy = tidyMoneyText(e.target.value, props.currency);
          if (tidy !== e.target.value) props.onChange(tidy);
        }}
      />
    </div>
  );
}
