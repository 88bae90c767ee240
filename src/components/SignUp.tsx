import { useAuthRedirects, useStackUrls } from "../react/index.js";
import { AuthPage, type AuthPageProps } from "./AuthPage.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignUpProps extends AuthPageProps {
  strings?: Partial<Strings>;
}

/**
 * Drop-in sign-up page: the project's methods (an anonymous user signing up keeps their id), sends the
 * verification email, and returns the user. Someone already signed in is asked first, not signed over.
 */
export function SignUp({ strings, ...props }: SignUpProps) {
  const t = mergeStrings(strings);
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  return (
    <AuthPage
      {...props}
      mode="sign-up"
      title={t.signUpTitle}
      unavailable={(project) => (project.config.signUpEnabled ? undefined : t.signUpDisabled)}
      footer={() => (
        <>
          {t.haveAccount} <a href={redirects.linkTo(urls.signIn)}>{t.toSignIn}</a>
        </>
      )}
      t={t}
    />
  );
}
