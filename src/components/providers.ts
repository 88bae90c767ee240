// The order OAuth buttons appear in: the most used first, the rest as the project lists them.
const PREFERRED = [
  "google",
  "github",
  "microsoft",
  "apple",
  "gitlab",
  "bitbucket",
  "facebook",
  "linkedin",
  "x",
];

export function sortProviders(ids: readonly string[]): string[] {
  const rank = (id: string) => {
    const i = PREFERRED.indexOf(id);
    return i === -1 ? PREFERRED.length : i;
  };
  return [...new Set(ids)]
    .map((id, index) => ({ id, index }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.index - b.index)
    .map(({ id }) => id);
}
