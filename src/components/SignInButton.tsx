import * as Dialog from "@radix-ui/react-dialog";
import { type MouseEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useAuthRedirects, useProject, useStackNavigate, useStackUrls } from "../react/index.js";
import { SignIn } from "./SignIn.js";
import { mergeStrings, type Strings } from "./strings.js";
import { type PortalTheme, portalTheme } from "./theme.js";

export interface SignInButtonProps {
  /** "redirect" (default): a link to the sign-in page that comes back here. "modal": <SignIn/> in a dialog. */
  mode?: "modal" | "redirect";
  /** The button's label; default "Sign in". */
  children?: ReactNode;
  className?: string;
  strings?: Partial<Strings>;
}

/**
 * "Sign in" for a page's header. As a modal the dialog traps focus, closes on Escape or outside click,
 * returns focus to the button, and closes itself once signed in (the page stays; OAuth uses a popup).
 */
export function SignInButton({ mode = "redirect", children, className, strings }: SignInButtonProps) {
  const t = mergeStrings(strings);
  const classes = className ? `stack-button ${className}` : "stack-button";
  return mode === "modal" ? (
    <SignInDialog label={children ?? t.signIn} className={classes} strings={strings} t={t} />
  ) : (
    <SignInLink label={children ?? t.signIn} className={classes} />
  );
}

function SignInLink({ label, className }: { label: ReactNode; className: string }) {
  const redirects = useAuthRedirects();
  const navigate = useStackNavigate();
  const urls = useStackUrls();
  const href = redirects.linkTo(urls.signIn);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // Let the browser handle new tabs and windows; a plain click goes through the app's router.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a className={`${className} stack-button-link`} href={href} onClick={onClick}>
      {label}
    </a>
  );
}

function SignInDialog({
  label,
  className,
  strings,
  t,
}: {
  label: ReactNode;
  className: string;
  strings: Partial<Strings> | undefined;
  t: Strings;
}) {
  const [open, setOpen] = useState(false);
  const [theme, setTheme] = useState<PortalTheme>({ theme: undefined, style: {} });
  const triggerRef = useRef<HTMLButtonElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  // Loaded when the person heads for the button (hover, focus), so the dialog usually opens on the form
  // rather than on "Loading…", while a page that merely shows the button sends nothing.
  const [wanted, setWanted] = useState(false);
  const { project } = useProject({ enabled: wanted || open });
  const want = () => setWanted(true);
  // Opened while the project was loading, focus waited on the dialog itself: now it goes to the form.
  useEffect(() => {
    const content = contentRef.current;
    if (open && project && content && document.activeElement === content) firstFocusable(content)?.focus();
  }, [open, project]);
  const onOpenChange = (next: boolean) => {
    // The portal renders outside the app's themed wrappers: carry the theme over from the button.
    if (next) setTheme(portalTheme(triggerRef.current));
    setOpen(next);
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger ref={triggerRef} className={className} onPointerEnter={want} onFocus={want}>
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="stack-dialog-overlay" data-stack-theme={theme.theme} style={theme.style} />
        <Dialog.Content
          ref={contentRef}
          onOpenAutoFocus={(event) => {
            // Nothing to type into yet: rest on the dialog (announced by its title), not on "Close".
            if (!project) {
              event.preventDefault();
              contentRef.current?.focus();
            }
          }}
          className="stack-dialog"
          data-stack-theme={theme.theme}
          style={theme.style}
          aria-describedby={undefined}
        >
          {/* The dialog's name only: the card inside gives the one visible heading (level 2, under the page's h1),
              which follows the steps ("Check your email", "Two-factor authentication"). */}
          <Dialog.Title asChild>
            <span className="stack-sr-only">{t.signInTitle}</span>
          </Dialog.Title>
          <SignIn strings={strings} oauthMode="popup" onSuccess={() => setOpen(false)} headingLevel={2} />
          {/* After the form in tab order: opening the dialog lands on its first field, not on "Close". */}
          <Dialog.Close className="stack-dialog-close" aria-label={t.close}>
            <span aria-hidden="true">×</span>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function firstFocusable(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>(
    'input:not([disabled]):not([type="hidden"]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])',
  );
}
