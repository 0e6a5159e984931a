package com.perfectwork.mail.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the top bar of every page needs: who is signed in, whether they administer, whether they may use Email
 * Marketing, developer mode.
 */
@ControllerAdvice(basePackageClasses = PageFrame.class)
class PageFrame {

    /**
     * @param login the signed-in user's login, null on the login page
     * @param path this page's address, for the developer-mode switch to come back to it
     */
    record Frame(String login, boolean admin, boolean marketing, boolean developerMode, String path) {

        public String developerModeLink() {
            return path + "?" + DeveloperMode.PARAMETER + "=" + (developerMode ? "0" : "1");
        }
    }

    @ModelAttribute("frame")
    Frame frame(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        return new Frame(
                user == null ? null : user.getName(),
                request.isUserInRole("ADMIN"),
                request.isUserInRole("ADMIN") || request.isUserInRole("MARKETING"),
                DeveloperMode.on(request),
                request.getRequestURI().substring(request.getContextPath().length()));
    }
}
