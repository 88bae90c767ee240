import type { CSSProperties } from "react";

// The variables of styles.css; computed styles do not list custom properties in every browser.
const STACK_VARIABLES = [
  "--stack-font",
  "--stack-radius",
  "--stack-bg",
  "--stack-fg",
  "--stack-muted",
  "--stack-border",
  "--stack-input-bg",
  "--stack-primary",
  "--stack-primary-fg",
  "--stack-secondary-bg",
  "--stack-error",
  "--stack-error-bg",
  "--stack-focus",
  "--stack-shadow",
  "--stack-overlay",
];

export interface PortalTheme {
  /** The nearest `data-stack-theme` around the element ("dark", "light"…), if any. */
  theme: string | undefined;
  /** Every `--stack-*` variable as it applies at the element, to set inline on portal content. */
  style: CSSProperties;
}

/**
 * What a portal (rendered at the end of <body>, outside the app's wrappers) needs to look like the place
 * it was opened from: the theme attribute and the `--stack-*` values in effect there.
 */
export function portalTheme(element: Element | null): PortalTheme {
  if (!element || typeof getComputedStyle !== "function") return { theme: undefined, style: {} };
  const computed = getComputedStyle(element);
  const names = new Set(STACK_VARIABLES);
  for (let i = 0; i < computed.length; i++) {
    const name = computed.item(i);
    if (name.startsWith("--stack-")) names.add(name);
  }
  const style: Record<string, string> = {};
  for (const name of names) {
    const value = computed.getPropertyValue(name).trim();
    if (value) style[name] = value;
  }
  const theme = element.closest("[data-stack-theme]")?.getAttribute("data-stack-theme") ?? undefined;
  return { theme, style: style as CSSProperties };
}
