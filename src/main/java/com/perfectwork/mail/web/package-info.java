/**
 * The administrators' web pages, modelled on Perfectwork's Settings: server-rendered Thymeleaf with htmx for the
 * parts that answer in place (Test Connection, Test & Confirm). Thin controllers that call module APIs only, like
 * {@code api}; each form is a record of its own that reads the browser's text into the module's values. Pages live
 * under {@code /web}: the login page, the Dashboard, Settings ‣ General Settings ‣ Discuss with its outgoing and
 * incoming servers, and Technical (shown in developer mode) with System Parameters, Aliases, the outgoing queue
 * (Emails), the Incoming Log, the Blacklisted Email Addresses and Scheduled Actions; and Email Marketing under
 * {@code /web/marketing} (Mailing Lists with their CSV imports, Contacts); for every user, the Records with their
 * chatter, the Inbox (its counter in the top menu of every page, polled) and My preferences. Signed in with a form
 * and a session, CSRF-protected; settings are for administrators, Email Marketing for administrators and marketing
 * users. Publishes and consumes no events.
 */
package com.perfectwork.mail.web;
