import type { ReactNode } from "react";
import { useUser } from "./useUser.js";

interface GuardProps {
  children?: ReactNode;
  /** Shown while it is not yet known whether someone is signed in. */
  fallback?: ReactNode;
}

/** Renders its children only when a user is signed in. */
export function SignedIn({ children, fallback = null }: GuardProps) {
  const { user, isLoading } = useUser();
  if (isLoading) return fallback;
  return user ? children : null;
}

/** Renders its children only when nobody is signed in. */
export function SignedOut({ children, fallback = null }: GuardProps) {
  const { user, isLoading } = useUser();
  if (isLoading) return fallback;
  return user ? null : children;
}
