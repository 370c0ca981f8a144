package io.atelier.core.api;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * The sign-in page of a page signed in with an API key ({@link KeySessions}: the moderation
 * console, the studio): its form, a refused sign-in, and where the visitor goes after signing in or
 * out. The form's template reads {@code csrf}, {@code notice} and {@code error}.
 *
 * @param home     the signed-in page, e.g. {@code /studio}; its form is at {@code home + "/login"}
 * @param formView the form's template, e.g. {@code studio/login}
 */
public record KeySignInPage(String home, String formView) {

    /** The form's GET: home at once when already signed in; else the form, with a notice right after a sign-out. */
    public String form(boolean signedIn, boolean signedOut, String csrfToken, Model view) {
        if (signedIn) {
            return signedInRedirect();
        }
        view.addAttribute("csrf", csrfToken);
        view.addAttribute("notice", signedOut ? "You are signed out." : null);
        return formView;
    }

    /** A refused sign-in: the form again, answered with {@code status} and the reason. */
    public String refused(HttpServletResponse response, int status, String reason, String csrfToken, Model view) {
        response.setStatus(status);
        view.addAttribute("csrf", csrfToken);
        view.addAttribute("error", reason);
        return formView;
    }

    /** Where a sign-in leads (and a visitor already signed in). */
    public String signedInRedirect() {
        return "redirect:" + home;
    }

    /** Where a sign-out leads: the form with its notice. */
    public String signedOutRedirect() {
        return "redirect:" + home + "/login?loggedOut";
    }
}
