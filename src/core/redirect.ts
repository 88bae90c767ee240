/**
 * A same-origin path (path + query + hash) to send the user to after auth, or `fallback` when `target` is
 * missing, points elsewhere (other origins, `//host`, `/\host`, `/.//host`, `javascript:`, `data:`…),
 * hides characters browsers strip or rewrite (whitespace, control characters, backslashes), or is one of
 * the `avoid` paths (e.g. the sign-in page itself, which would loop).
 */
export function safeRedirectTarget(
  target: string | null | undefined,
  { origin, fallback, avoid = [] }: { origin: string; fallback: string; avoid?: string[] },
): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!target || /[\s\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  try {
    const base = new URL(origin);
    const url = new URL(target, base);
    // A path that normalises to "//host" ("/.//evil", "/a/..//evil") would leave the origin when navigated to.
    if (url.origin !== base.origin || !/^https?:$/.test(url.protocol) || url.pathname.startsWith("//"))
      return fallback;
    const path = (p: string) => p.replace(/(.)\/+$/, "$1").toLowerCase();
    if (avoid.some((a) => path(new URL(a, base).pathname) === path(url.pathname))) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
