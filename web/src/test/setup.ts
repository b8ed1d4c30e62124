import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy*/waitFor give up after 1 s by default: too short when the suite shares two cores with a .NET build.
configure({ asyncUtilTimeout: 4000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom has no layout, so no ResizeObserver or DOMMatrixReadOnly, which the task graph (React Flow) needs to mount.
// These stand-ins report nothing: nodes render at their laid-out positions, unmeasured; the browser run draws them.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
class IdentityMatrix {
  m22 = 1;
  constructor(_transform?: string) {}
}
globalThis.DOMMatrixReadOnly ??= IdentityMatrix as unknown as typeof DOMMatrixReadOnly;
