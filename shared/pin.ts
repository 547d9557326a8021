/** The PIN rule, one place for the contract's check and the screens that state it: 4 to 8 digits. */
export const PIN_MIN = 4;
export const PIN_MAX = 8;
export const PIN_PATTERN = new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`);

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}
