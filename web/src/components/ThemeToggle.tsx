import { useState } from "react";
import { applyTheme, initialTheme, type Theme } from "./theme";

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => initialTheme());
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-pressed={theme === "dark"}
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
    >
      Dark theme
    </button>
  );
}
