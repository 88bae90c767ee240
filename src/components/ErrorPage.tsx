import { StackError } from "../core/index.js";
import { useStackUrls } from "../react/index.js";
import type { HeadingLevel } from "./AuthCard.js";
import { Outcome } from "./LinkPage.js";
import { useSearchParam } from "./location.js";
import { errorMessage, mergeStrings, type Strings } from "./strings.js";

export interface ErrorPageProps {
  strings?: Partial<Strings>;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * Failures with no page of their own (the server's `?errorCode=&message=` redirects), in the kit's words,
 * and a way home.
 */
export function ErrorPage({ strings, headingLevel = 1 }: ErrorPageProps) {
  const t = mergeStrings(strings);
  const urls = useStackUrls();
  const code = useSearchParam("errorCode");
  // The URL's own `message` is not shown: anyone can craft such a link (only the kit's words for the code).
  const error = code ? new StackError(code, 0, "") : undefined;
  return (
    <Outcome
      title={t.errorTitle}
      level={headingLevel}
      kind="error"
      message={error ? errorMessage(error, t) : t.unknownError}
    >
      <p className="stack-footer">
        <a href={urls.home}>{t.goHome}</a>
      </p>
    </Outcome>
  );
}
