import type { StackError } from "../core/index.js";
import { errorMessage, isRetryable, type Strings } from "./strings.js";

/**
 * An error about the whole form, announced as it appears; with "Try again" when a second attempt can
 * work (network, rate limit, server), which resends what was typed.
 */
export function FormError({
  error,
  message,
  retry,
  t,
}: {
  error: StackError;
  /** Default: the error's sentence from the strings table. */
  message?: string;
  retry?: () => void;
  t: Strings;
}) {
  return (
    <div className="stack-form-error" role="alert">
      <p>{message ?? errorMessage(error, t)}</p>
      {retry && isRetryable(error) && (
        <button type="button" className="stack-button stack-button-secondary" onClick={retry}>
          {t.tryAgain}
        </button>
      )}
    </div>
  );
}
