/** USD: small amounts keep four decimals (model calls cost fractions of a cent). */
export function usd(value: number | null | undefined): string {
  const v = value ?? 0;
  const digits = Math.abs(v) > 0 && Math.abs(v) < 1 ? 4 : 2;
  return `$${v.toFixed(digits)}`;
}

export function usdRange(low: number, high: number): string {
  return `${usd(low)}–${usd(high)}`;
}

/** Epoch seconds → local date and time. */
export function dateTime(epochSeconds: number | null | undefined): string {
  if (epochSeconds === null || epochSeconds === undefined) return "—";
  return new Date(epochSeconds * 1000).toLocaleString();
}

export function time(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString();
}

export function count(value: number | null | undefined): string {
  return (value ?? 0).toLocaleString("en-US");
}

export function pct(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

/** "needs_review" → "needs review". */
export function label(wire: string): string {
  return wire.replaceAll("_", " ");
}
