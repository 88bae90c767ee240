import { useStackContext } from "./context.js";
import { returnTarget, type StackUrls, withReturnTo } from "./urls.js";

/** The app's auth page URLs, as configured on `<StackProvider urls>`. */
export function useStackUrls(): StackUrls {
  return useStackContext().urls;
}

/** The provider's navigate function (the app's router, or `location` by default). */
export function useStackNavigate() {
  return useStackContext().navigate;
}

/**
 * The kit's redirect rules: after an auth flow go back to `after_auth_return_to` when it is a safe
 * same-origin path (never another origin, `javascript:`, or the auth pages themselves), else to the
 * configured page; links between auth pages keep that return path.
 */
export function useAuthRedirects() {
  const { navigate, urls } = useStackContext();
  return {
    afterSignIn: () => navigate(returnTarget(window.location, urls, urls.afterSignIn), { replace: true }),
    afterSignUp: () => navigate(returnTarget(window.location, urls, urls.afterSignUp), { replace: true }),
    afterSignOut: () => navigate(urls.afterSignOut),
    /** `page` carrying the current return path, for links such as "Create an account". */
    linkTo: (page: string) => (typeof window === "undefined" ? page : withReturnTo(page, window.location)),
  };
}
