import type { ButtonHTMLAttributes } from "react";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /**
   * Busy, or nothing to act on: announced as unavailable (`aria-disabled`) and ignores clicks, Enter and
   * Space, but stays focusable. Native `disabled` would drop the focus of whoever just pressed it to <body>.
   */
  inactive?: boolean;
}

/** The kit's buttons: never natively disabled, so focus stays where the person left it. */
export function Button({ inactive, onClick, type = "button", ...props }: ButtonProps) {
  return (
    <button
      {...props}
      type={type}
      aria-disabled={inactive || undefined}
      onClick={(event) => {
        // Cancelling the click also cancels a submit button's submission (and the Enter of implicit submission).
        if (inactive) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
