import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApiContext } from "./api";
import { App } from "./App";
import { applyTheme, initialTheme } from "./components/theme";
import "./styles.css";

// Set before the first render so a dark-theme user never sees a light flash (no inline script: the CSP forbids it).
applyTheme(initialTheme(), false);

const api = createApiContext({ storage: window.localStorage });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
