package com.perfectwork.mail.web;

import com.perfectwork.mail.core.UnknownIdException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that fails shows the error page: a sentence and a way back, never a stack trace. Ordered before the
 * API's problem-details advice, which would answer JSON; it applies to the pages' controllers only. A bug is
 * logged once with a reference that the page shows, so an administrator can find the log line.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    static final String FORBIDDEN_PAGE = "/web/forbidden";
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(UnknownIdException.class)
    ModelAndView unknown(UnknownIdException e) {
        return page(HttpStatus.NOT_FOUND, null);
    }

    /** A record the user does not follow: the access-denied page, saying why, instead of an error. */
    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied(AccessDeniedException e) {
        ModelAndView page = page(HttpStatus.FORBIDDEN, null);
        page.addObject("denied", "You may open the records you follow; ask a follower to add you.");
        return page;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e) {
        if (e instanceof ErrorResponse answer && answer.getStatusCode().is4xxClientError()) {
            return page(answer.getStatusCode(), null);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error on a page, reference {}", reference, e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, reference);
    }

    static ModelAndView page(HttpStatusCode status, String reference) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reference", reference);
        return page;
    }

    /** The pages nobody mapped, and the page access-denied forwards to. */
    @Controller
    static class Fallbacks {

        /** Says which role the page wants: Email Marketing's pages are not only the administrators'. */
        @RequestMapping(FORBIDDEN_PAGE)
        ModelAndView forbidden(HttpServletRequest request) {
            ModelAndView page = page(HttpStatus.FORBIDDEN, null);
            Object refused = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
            if (refused instanceof String path
                    && path.substring(request.getContextPath().length()).startsWith(WebSecurity.MARKETING)) {
                page.addObject(
                        "denied",
                        "Email Marketing is for administrators and marketing users: ask an administrator for the"
                                + " marketing role.");
            }
            return page;
        }

        @RequestMapping("/web/**")
        ModelAndView notFound() {
            return page(HttpStatus.NOT_FOUND, null);
        }
    }
}
