/**
 * A scripted EventSource (jsdom has none): tests open, emit named events with ids, and fail the connection, the way a
 * browser would report them to the page.
 */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  private listeners = new Map<string, Set<(e: MessageEvent) => void>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (!es) throw new Error("No EventSource was opened.");
    return es;
  }

  static reset(): void {
    FakeEventSource.instances = [];
  }

  addEventListener(type: string, listener: (e: MessageEvent) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: (e: MessageEvent) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = 2;
  }

  get closed(): boolean {
    return this.readyState === 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  /** Delivers `event: type`, `id: id`, `data: JSON` like the server's stream. */
  emit(type: string, id: string, data: Record<string, unknown>): void {
    if (this.closed) return;
    const e = new MessageEvent(type, { data: JSON.stringify({ type, ...data }), lastEventId: id });
    if (type === "message") this.onmessage?.(e);
    for (const l of this.listeners.get(type) ?? []) l(e);
  }

  fail(): void {
    this.onerror?.(new Event("error"));
  }
}
