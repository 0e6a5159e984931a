package com.perfectwork.mail.web;

import org.springframework.ui.Model;

/**
 * The page that asks before anything is deleted: the question, what is deleted, what follows from it, where
 * Delete posts and where Cancel goes back to. One page for all, so that every delete asks the same way.
 */
record DeleteConfirmation(String question, String subject, String consequence, String action, String cancel) {

    String show(Model model) {
        model.addAttribute("confirmation", this);
        return "delete-confirm";
    }
}
