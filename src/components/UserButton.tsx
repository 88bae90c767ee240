import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useAuthRedirects, useSignOut, useUser } from "../react/index.js";
import { initials } from "./initials.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface UserButtonProps {
  strings?: Partial<Strings>;
}

/**
 * The signed-in user's avatar, opening a menu (WAI-ARIA menu button pattern: Enter, Space and the
 * arrow keys open it, Escape and Tab close it, focus returns to the button).
 */
export function UserButton({ strings }: UserButtonProps) {
  const t = mergeStrings(strings);
  const { user, isLoading } = useUser();
  const { signOut, isPending } = useSignOut();
  const redirects = useAuthRedirects();
  const [open, setOpen] = useState(false);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const firstItemRef = useRef<HTMLButtonElement>(null);

  // A click or focus anywhere outside closes the menu, as for any native menu.
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [open]);
  useEffect(() => {
    if (open) firstItemRef.current?.focus();
  }, [open]);

  if (isLoading) {
    return <span className="stack-avatar stack-avatar-loading" role="img" aria-label={t.loading} />;
  }
  if (!user) return null;

  const name = user.displayName ?? user.primaryEmail ?? "";
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
    }
  };
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === "Escape") close();
    else if (event.key === "Tab") setOpen(false);
    else if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else return;
    if (event.key !== "Tab") event.preventDefault();
  };

  return (
    <div className="stack-user-button" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="stack-avatar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        <span className="stack-sr-only">{t.accountMenu(name)}</span>
        {user.profileImageUrl ? (
          <img className="stack-avatar" src={user.profileImageUrl} alt="" />
        ) : (
          <span className="stack-avatar" aria-hidden="true">
            {initials(user.displayName, user.primaryEmail)}
          </span>
        )}
      </button>
      {open && (
        <div className="stack-menu">
          <div className="stack-menu-header">
            {user.displayName && <p className="stack-menu-name">{user.displayName}</p>}
            {user.primaryEmail && <p className="stack-menu-email">{user.primaryEmail}</p>}
          </div>
          <div role="menu" id={`${id}-menu`} aria-label={t.accountMenu(name)} onKeyDown={onMenuKey}>
            <button
              ref={firstItemRef}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="stack-menu-item"
              aria-disabled={isPending || undefined}
              onClick={async () => {
                if (isPending) return;
                await signOut();
                redirects.afterSignOut();
              }}
            >
              {isPending ? t.signingOut : t.signOut}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
