/** "Ada Lovelace" → "AL"; "jane.doe@x.io" → "JD"; "bob@x.io" → "B". */
export function initials(displayName: string | null, email: string | null): string {
  const source = displayName?.trim() || email?.split("@")[0] || "";
  const words = source.split(displayName?.trim() ? /\s+/ : /[._\-+]+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? "")
    .join("")
    .toUpperCase();
}
