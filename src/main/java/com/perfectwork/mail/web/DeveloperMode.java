package com.perfectwork.mail.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Developer mode, as the documentation activates it: {@code ?debug=1} on any page's address switches it on for
 * the session, {@code ?debug=0} (or an empty value) off again. It only shows more (the Technical menu); what a
 * user may do is decided by the role alone.
 */
class DeveloperMode implements HandlerInterceptor {

    static final String PARAMETER = "debug";
    private static final String ATTRIBUTE = DeveloperMode.class.getName();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String debug = request.getParameter(PARAMETER);
        if (debug == null) {
            return true;
        }
        if (debug.isEmpty() || debug.equals("0")) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
        } else {
            request.getSession().setAttribute(ATTRIBUTE, Boolean.TRUE);
        }
        return true;
    }

    static boolean on(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(ATTRIBUTE));
    }
}
