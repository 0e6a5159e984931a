package com.perfectwork.mail.web;

import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.discussion.Inbox;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the top bar of every page needs: who is signed in, whether they administer, whether they may use Email
 * Marketing, developer mode, and the unread count of their inbox for the Inbox menu.
 */
@ControllerAdvice(basePackageClasses = PageFrame.class)
class PageFrame {

    /**
     * @param login the signed-in user's login, null on the login page
     * @param path this page's address, for the developer-mode switch to come back to it
     * @param inboxUnread the unread messages of the user's inbox (0 when signed out)
     */
    record Frame(String login, boolean admin, boolean marketing, boolean developerMode, String path, long inboxUnread) {

        public String developerModeLink() {
            return path + "?" + DeveloperMode.PARAMETER + "=" + (developerMode ? "0" : "1");
        }
    }

    private final UserAccounts users;
    private final Inbox inbox;

    PageFrame(UserAccounts users, Inbox inbox) {
        this.users = users;
        this.inbox = inbox;
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
                unread(user));
    }

    private long unread(Principal user) {
        if (user == null) {
            return 0;
        }
        return users.findByLogin(user.getName())
                .map(account -> inbox.unreadCount(account.partnerId()))
                .orElse(0L);
    }
}
