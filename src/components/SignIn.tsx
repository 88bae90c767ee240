import { useAuthRedirects, useStackUrls } from "../react/index.js";
import { AuthPage, type AuthPageProps } from "./AuthPage.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignInProps extends AuthPageProps {
  /** Override any of the words shown. */
  strings?: Partial<Strings>;
}

/** Drop-in sign-in page: exactly the methods the project enables, then back to where the user came from. */
export function SignIn({ strings, ...props }: SignInProps) {
  const t = mergeStrings(strings);
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  return (
    <AuthPage
      {...props}
      mode="sign-in"
      title={t.signInTitle}
      footer={(project) =>
        project.config.signUpEnabled && (
          <>
            {t.noAccount} <a href={redirects.linkTo(urls.signUp)}>{t.toSignUp}</a>
          </>
        )
      }
      t={t}
    />
  );
}
