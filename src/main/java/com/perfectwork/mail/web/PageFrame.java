package com.perfectwork.mail.web;

import com.perfectwork.mail.discussion.Inbox;
import com.perfectwork.mail.discussion.InboxVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the top bar of every page needs: who is signed in, whether they administer, whether they may use Email
 * Marketing, developer mode, and their inbox's unread count for the Inbox menu, with the version the menu's counter
 * polls with. Its one statement (the inbox's version; the partner is the session's) is also the whole cost of an
 * unchanged poll: the poll compares this frame's version.
 */
@ControllerAdvice(basePackageClasses = PageFrame.class)
class PageFrame {

    private static final InboxVersion SIGNED_OUT = new InboxVersion(0, 0);

    /**
     * @param login the signed-in user's login, null on the login page
     * @param path this page's address, for the developer-mode switch to come back to it
     * @param inbox the user's inbox: its unread count and version (0 when signed out)
     * @param inboxPoll how the counter polls, as htmx's {@code hx-trigger}
     */
    record Frame(
            String login,
            boolean admin,
            boolean marketing,
            boolean developerMode,
            String path,
            InboxVersion inbox,
            String inboxPoll) {

        public String developerModeLink() {
            return path + "?" + DeveloperMode.PARAMETER + "=" + (developerMode ? "0" : "1");
        }

        public long inboxUnread() {
            return inbox.unread();
        }

        public String inboxVersion() {
            return inbox.token();
        }
    }

    private final SignedInPartner partner;
    private final Inbox inbox;
    private final WebSettings settings;

    PageFrame(SignedInPartner partner, Inbox inbox, WebSettings settings) {
        this.partner = partner;
        this.inbox = inbox;
        this.settings = settings;
    }

    @ModelAttribute("frame")
    Frame frame(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        return new Frame(
                user == null ? null : user.getName(),
                request.isUserInRole("ADMIN"),
                request.isUserInRole("ADMIN") || request.isUserInRole("MARKETING"),
                DeveloperMode.on(request),
                request.getRequestURI().substring(request.getContextPath().length()),
                partner.of(request).map(inbox::version).orElse(SIGNED_OUT),
                settings.inboxPollTrigger());
    }
}
