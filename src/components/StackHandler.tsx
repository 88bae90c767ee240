import { Fragment, type ReactNode } from "react";
import { HANDLER_PAGES, type HandlerPage, useStackUrls } from "../react/index.js";
import type { HeadingLevel } from "./AuthCard.js";
import { EmailVerification } from "./EmailVerification.js";
import { ErrorPage } from "./ErrorPage.js";
import { ForgotPassword } from "./ForgotPassword.js";
import { Outcome } from "./LinkPage.js";
import { usePathname } from "./location.js";
import { MagicLinkCallback } from "./MagicLinkCallback.js";
import { OAuthCallback } from "./OAuthCallback.js";
import { PasswordReset } from "./PasswordReset.js";
import { SignIn } from "./SignIn.js";
import { SignOutPage } from "./SignOutPage.js";
import { SignUp } from "./SignUp.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface StackHandlerProps {
  /** The route every auth page lives under. Default "/handler". */
  prefix?: string;
  /** The current path, from the app's router; default `location.pathname` (kept up to date on back/forward). */
  location?: string;
  strings?: Partial<Strings>;
  /** The level of every page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * Every auth page under one route (`/handler/*`): each page where `<StackProvider urls>` puts it, or at
 * `<prefix>/<page>` (sign-in, sign-up, sign-out, oauth-callback, magic-link-callback, email-verification,
 * password-reset, forgot-password, error); anything else under the prefix is "not found".
 */
export function StackHandler({
  prefix = "/handler",
  location,
  strings,
  headingLevel = 1,
}: StackHandlerProps) {
  const t = mergeStrings(strings);
  const urls = useStackUrls();
  const current = usePathname();
  const path = location ?? current;
  if (path === undefined) return null; // server render: the page is known once in the browser
  const page = handlerPage(normalise(path), prefix, urls);
  if (!page) return <NotFound headingLevel={headingLevel} t={t} />;
  // A new URL (another callback, another link) is a new page: no state carries over.
  const key =
    location ?? (typeof window === "undefined" ? path : window.location.pathname + window.location.search);
  return <Fragment key={key}>{renderPage(page, { strings, headingLevel })}</Fragment>;
}

function handlerPage(
  path: string,
  prefix: string,
  urls: Record<HandlerPage, string>,
): HandlerPage | undefined {
  const pages = Object.keys(HANDLER_PAGES) as HandlerPage[];
  return (
    pages.find((page) => normalise(urls[page]) === path) ??
    pages.find((page) => normalise(`${prefix}/${HANDLER_PAGES[page]}`) === path)
  );
}

/** The path of a URL or path, lower case, without query, hash or trailing slash. */
function normalise(url: string): string {
  const path = new URL(url, "http://x").pathname.toLowerCase();
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

function renderPage(
  page: HandlerPage,
  props: { strings: Partial<Strings> | undefined; headingLevel: HeadingLevel },
): ReactNode {
  switch (page) {
    case "signIn":
      return <SignIn {...props} />;
    case "signUp":
      return <SignUp {...props} />;
    case "signOut":
      return <SignOutPage {...props} />;
    case "oauthCallback":
      return <OAuthCallback {...props} />;
    case "magicLinkCallback":
      return <MagicLinkCallback {...props} />;
    case "emailVerification":
      return <EmailVerification {...props} />;
    case "passwordReset":
      return <PasswordReset {...props} />;
    case "forgotPassword":
      return <ForgotPassword {...props} />;
    case "error":
      return <ErrorPage {...props} />;
  }
}

function NotFound({ headingLevel, t }: { headingLevel: HeadingLevel; t: Strings }) {
  const urls = useStackUrls();
  return (
    <Outcome title={t.notFoundTitle} level={headingLevel} kind="error" message={t.notFound}>
      <p className="stack-footer">
        <a href={urls.home}>{t.goHome}</a>
      </p>
    </Outcome>
  );
}
