import { Button } from "./Button.js";
import { providerName, type Strings } from "./strings.js";

interface OAuthButtonsProps {
  providers: string[];
  /** The provider whose sign-in is in progress, if any. */
  active: string | undefined;
  redirecting: boolean;
  disabled: boolean;
  onSelect(provider: string): void;
  t: Strings;
}

/** One "Continue with …" button per enabled provider. */
export function OAuthButtons({ providers, active, redirecting, disabled, onSelect, t }: OAuthButtonsProps) {
  return (
    <div className="stack-oauth-buttons">
      {providers.map((id) => {
        const name = providerName(id, t);
        const label =
          active === id
            ? redirecting
              ? t.redirectingTo(name)
              : t.waitingForProvider(name)
            : t.continueWith(name);
        return (
          <Button
            key={id}
            className="stack-button stack-button-oauth"
            data-provider={id}
            inactive={disabled}
            aria-busy={active === id || undefined}
            onClick={() => onSelect(id)}
          >
            {label}
          </Button>
        );
      })}
    </div>
  );
}

/** The "or" line between the one-click buttons and the email forms. */
export function Divider({ t }: { t: Strings }) {
  return (
    <div className="stack-divider">
      <span>{t.or}</span>
    </div>
  );
}
