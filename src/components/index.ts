export { SignIn, type SignInProps } from "./SignIn.js";
export { SignUp, type SignUpProps } from "./SignUp.js";
export { defaultStrings, type Strings } from "./strings.js";
export { UserButton, type UserButtonProps } from "./UserButton.js";
