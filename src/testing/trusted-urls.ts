import type { TrustedDomain } from "./options.js";

// Callback URLs must be on a trusted domain (CLIENT-API §12.5): protocol + host + port must match,
// `*` stands for one host label and `**` for one or more. Like the recorded projects, localhost
// and 127.0.0.1 are trusted on any port.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isTrustedUrl(value: string, domains: readonly TrustedDomain[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (LOCAL_HOSTS.has(url.hostname)) return true;
  return domains.some((d) => matchesDomain(url, d.domain));
}

function matchesDomain(url: URL, pattern: string): boolean {
  const match = /^(https?):\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(pattern.trim());
  if (!match) return false;
  const [, protocol = "", hostPattern = "", port] = match;
  if (`${protocol.toLowerCase()}:` !== url.protocol) return false;
  const defaultPort = url.protocol === "https:" ? "443" : "80";
  if ((port ?? defaultPort) !== (url.port || defaultPort)) return false;
  const regex = hostPattern
    .toLowerCase()
    .split(".")
    .map((label) =>
      label === "**" ? "[^/]+" : label === "*" ? "[^./]+" : escapeRegex(label).replaceAll("\\*", "[^./]*"),
    )
    .join("\\.");
  return new RegExp(`^${regex}$`).test(url.hostname);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
